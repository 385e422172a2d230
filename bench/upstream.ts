// The benchmark's upstream: a fixed 216-byte JSON answer, so that only the proxy varies. For the
// cache bench: /__count says how many requests reached it, and ?delay=<ms> answers that much later
// (a cold key's fetch that other requests coalesce on). For the compression bench: /doc is a fixed
// JSON document of about 20 KB that compresses like API answers do.
import { createServer } from "node:http";

const body = JSON.stringify({ service: "bench", ok: true, pad: "x".repeat(178) });
const doc = JSON.stringify(Array.from({ length: 330 }, (_, i) => ({ id: i, player: `player-${i % 97}`, level: i % 13, quest: ["forest", "river", "tower"][i % 3] })));
const port = Number(process.argv[2] ?? 0);
let count = 0;
const server = createServer((req, res) => {
  req.resume();
  if (req.url === "/__count") return void res.writeHead(200, { "content-type": "text/plain" }).end(String(count));
  count++;
  if (req.url === "/doc") return void res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(doc) }).end(doc);
  const delay = /[?&]delay=(\d+)/.exec(req.url ?? "")?.[1];
  if (delay) return void setTimeout(() => res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body), Math.min(Number(delay), 5_000));
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});
process.once("SIGTERM", () => process.exit(0));
