// A command-line client for the gateway's WebSocket routes (tta.v1, apps/gateway/src/websocket/PROTOCOL.md):
// prints every frame it gets as one JSON line after "<", sends each stdin line as a text frame, and on
// close prints the code, the reason and the command that resumes the session. Ctrl-D closes (1000).
//   node --import tsx scripts/ws-client.ts <ws-url> [--token <jwt>] [--resume <token> [--offset <offset>]]
import { createInterface } from "node:readline";
import { WebSocket } from "ws";
import { connectUrl, parseClientArgs, resumeCommand, track, type ClientArgs, type ResumePoint } from "./ws-client/resume.ts";

let args: ClientArgs;
try {
  args = parseClientArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const ws = new WebSocket(connectUrl(args), ["tta.v1"], { headers: args.token ? { authorization: `Bearer ${args.token}` } : {} });
let point: ResumePoint = { resumeToken: null, offset: null };

ws.on("unexpected-response", (_req, res) => {
  let body = "";
  res.on("data", (chunk: Buffer) => (body += chunk));
  res.on("end", () => {
    console.error(`refused: ${res.statusCode} ${body}`);
    process.exit(1);
  });
});
ws.on("error", (error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
ws.on("message", (data, isBinary) => {
  if (isBinary) return console.log(`< ${JSON.stringify({ binary: Buffer.from(data as Buffer).toString("base64") })}`);
  const text = data.toString();
  let frame: unknown = text; // a text frame that is not JSON is printed as a JSON string
  try {
    frame = JSON.parse(text);
  } catch {}
  point = track(point, frame);
  console.log(`< ${JSON.stringify(frame)}`);
});
ws.on("open", () => {
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => ws.send(line));
  lines.on("close", () => ws.close(1000, "bye"));
});
ws.on("close", (code, reason) => {
  console.log(`closed ${code}${reason.length ? ` ${reason.toString()}` : ""}`);
  const command = resumeCommand(args, point);
  console.log(command ? `resume: ${command}` : "no session to resume");
  process.exit(0);
});
