// A forwarding proxy with no cache at all, for the self-check: it proves the suite fails what a
// cache must do and passes what a cache must not do. It is deliberately not a cache.
import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface PassThrough {
  url: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host"];

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out = { ...headers };
  for (const h of HOP_BY_HOP) delete out[h];
  return out;
}

export async function startPassThrough(target: string): Promise<PassThrough> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const up = request(new URL(req.url ?? "/", target), { method: req.method, headers: forwardable(req.headers), agent: false }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, forwardable(upRes.headers));
      upRes.pipe(res);
    });
    up.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain", "cache-control": "no-store" }).end("upstream unavailable\n");
      else res.destroy();
    });
    req.pipe(up);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
