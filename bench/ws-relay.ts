// The baseline: a bare `ws` relay. Each client connection gets its own WebSocket to the upstream
// (same path), and messages are piped both ways as they are; what the client sends before the
// upstream is open waits for it. No session, no envelope, no store.
// `node --import tsx bench/ws-relay.ts <upstream ws url> <port>`
import { createServer } from "node:http";
import { WebSocket, WebSocketServer, type RawData } from "ws";

const [target, port] = [process.argv[2], Number(process.argv[3] ?? 0)];
if (!target?.startsWith("ws://127.0.0.1:")) throw new Error("usage: ws-relay.ts ws://127.0.0.1:<port> <port>");

const server = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, perMessageDeflate: false, clientTracking: false });
wss.on("connection", (client, req) => {
  const upstream = new WebSocket(new URL(req.url ?? "/", target), { perMessageDeflate: false });
  const early: Array<[RawData, boolean]> = [];
  client.on("message", (data, isBinary) => (upstream.readyState === upstream.OPEN ? upstream.send(data, { binary: isBinary }) : early.push([data, isBinary])));
  upstream.once("open", () => {
    for (const [data, isBinary] of early.splice(0)) upstream.send(data, { binary: isBinary });
  });
  upstream.on("message", (data, isBinary) => client.readyState === client.OPEN && client.send(data, { binary: isBinary }));
  const closeBoth = () => {
    if (client.readyState <= client.OPEN) client.close();
    if (upstream.readyState === upstream.OPEN) upstream.close();
    else if (upstream.readyState === upstream.CONNECTING) upstream.terminate();
  };
  client.once("close", closeBoth);
  upstream.once("close", closeBoth);
  client.on("error", () => {});
  upstream.on("error", closeBoth);
});

server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});
process.once("SIGTERM", () => process.exit(0));
