// The benchmark's upstream: a fixed 216-byte JSON answer, so that only the proxy varies.
import { createServer } from "node:http";

const body = JSON.stringify({ service: "bench", ok: true, pad: "x".repeat(178) });
const port = Number(process.argv[2] ?? 0);
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});
process.once("SIGTERM", () => process.exit(0));
