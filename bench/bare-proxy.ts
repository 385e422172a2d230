// The baseline: http-proxy-middleware alone, set up as the gateway sets it up (default plugins
// ejected, changeOrigin, the gateway's keep-alive agent from upstream/agents.ts, its 75 s client
// keep-alive), plus only what a proxy must have: a 502 when the upstream fails.
// `node --import tsx bench/bare-proxy.ts <upstream url> <port>`
import { createServer, type ServerResponse } from "node:http";
import { createProxyMiddleware, type Plugin } from "http-proxy-middleware";
import { createAgents } from "../apps/gateway/src/upstream/agents.ts";

const [target, port] = [process.argv[2], Number(process.argv[3] ?? 0)];
if (!target) throw new Error("usage: bare-proxy.ts <upstream url> <port>");

const badGateway: Plugin = (proxyServer) => {
  proxyServer.on("error", (_error, _req, res) => {
    const out = res as ServerResponse;
    if (typeof out.writeHead !== "function") return out.destroy();
    if (!out.headersSent) out.writeHead(502, { "content-type": "application/json" });
    out.end('{"error":"bad gateway"}');
  });
};

const agents = createAgents();
const proxy = createProxyMiddleware({ target, changeOrigin: true, ejectPlugins: true, plugins: [badGateway], agent: agents.http });
const server = createServer((req, res) => void proxy(req, res, () => res.writeHead(404).end()));
server.keepAliveTimeout = 75_000;
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});
process.once("SIGTERM", () => process.exit(0));
