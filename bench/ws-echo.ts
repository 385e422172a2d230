// The WebSocket bench's upstream: echoes every frame as it came (text as text). On /room it first
// joins the gateway session to a room with the `$tta` control frame, then says "joined", so a client
// knows the join was handled (the gateway handles an upstream leg's frames in order). Plain HTTP
// GETs get the same 216-byte JSON answer as bench/upstream.ts; GET /_stats the open WebSocket count.
// `node --import tsx bench/ws-echo.ts <port>`
import { createServer } from "node:http";
import { WebSocketServer } from "ws";

const port = Number(process.argv[2] ?? 0);
const body = JSON.stringify({ service: "bench", ok: true, pad: "x".repeat(178) });
let open = 0;

const server = createServer((req, res) => {
  req.resume();
  const answer = req.url === "/_stats" ? JSON.stringify({ open }) : body;
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(answer) });
  res.end(answer);
});
server.keepAliveTimeout = 65_000;

const wss = new WebSocketServer({ server, perMessageDeflate: false, clientTracking: false, maxPayload: 1024 * 1024 });
wss.on("connection", (ws, req) => {
  open++;
  ws.once("close", () => open--);
  ws.on("error", () => {});
  ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary }));
  const url = new URL(req.url ?? "/", "http://upstream");
  if (url.pathname === "/room") {
    ws.send(JSON.stringify({ $tta: "join", room: url.searchParams.get("room") ?? "bench" }));
    ws.send("joined");
  }
});

server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});
process.once("SIGTERM", () => process.exit(0));
