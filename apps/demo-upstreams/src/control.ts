// The test hook: a loopback-only HTTP endpoint that takes one demo service down and brings it back,
// so end-to-end tests can watch the gateway and the console react. Only started when
// DEMO_TEST_HOOKS=1 (see env.ts); it never listens on anything but a loopback address.
//   GET  /control                          -> { services: [{ name, url, state }] }
//   POST /control/<service>/down[?mode=refuse|error]   refuse (default): closed listener; error: 503 everywhere
//   POST /control/<service>/up
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DemoUpstream, DownMode } from "./server.ts";

export interface ControlServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

const describe = (u: DemoUpstream) => ({ name: u.name, url: u.url, state: u.state() });

async function handle(upstreams: Map<string, DemoUpstream>, req: IncomingMessage, res: ServerResponse) {
  // Bound to loopback already; this refuses anything that reached it some other way (a proxy, a NAT rule).
  if (!isLoopbackAddress(req.socket.remoteAddress)) return send(res, 403, { error: "loopback only" });
  const url = new URL(req.url ?? "/", "http://control");
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts[0] !== "control" || parts.length > 3) return send(res, 404, { error: "not found" });
  if (parts.length === 1) {
    if (req.method !== "GET") return send(res, 405, { error: "use GET" });
    return send(res, 200, { services: [...upstreams.values()].map(describe) });
  }
  const upstream = upstreams.get(parts[1]!);
  if (!upstream) return send(res, 404, { error: `no demo service named ${parts[1]}`, services: [...upstreams.keys()] });
  const action = parts[2];
  if (action !== "down" && action !== "up") return send(res, 404, { error: "use /down or /up" });
  if (req.method !== "POST") return send(res, 405, { error: "use POST" });
  if (action === "up") {
    await upstream.up();
    return send(res, 200, describe(upstream));
  }
  const mode = url.searchParams.get("mode") ?? "refuse";
  if (mode !== "refuse" && mode !== "error") return send(res, 400, { error: "mode must be refuse or error" });
  await upstream.down(mode satisfies DownMode);
  return send(res, 200, describe(upstream));
}

export async function startControlServer(options: { upstreams: DemoUpstream[]; port: number; host?: string }): Promise<ControlServer> {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`the demo control endpoint only binds to loopback, not ${host}`);
  const upstreams = new Map(options.upstreams.map((u) => [u.name, u]));
  const server = createServer((req, res) => {
    handle(upstreams, req, res).catch((error: Error) => send(res, 500, { error: error.message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
