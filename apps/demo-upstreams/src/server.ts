// A small real HTTP service standing in for one TTA service: it answers with who it is and what
// it saw, so a caller can check routing, rewriting and forwarded headers end to end.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface DemoUpstream {
  name: string;
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface DemoUpstreamOptions {
  name: string;
  host?: string;
  port?: number; // 0 = any free port
  instance?: string;
}

async function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startDemoUpstream(options: DemoUpstreamOptions): Promise<DemoUpstream> {
  const { name, host = "127.0.0.1", port = 0 } = options;
  const instance = options.instance ?? `${name}-${port || "auto"}`;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://upstream");
    if (url.pathname === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok", service: name, instance }));
      return;
    }
    const body = req.method === "GET" || req.method === "HEAD" ? "" : await readBody(req);
    const answer = {
      service: name,
      instance,
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
    };
    res.writeHead(200, { "content-type": "application/json", "x-demo-service": name });
    res.end(JSON.stringify(answer));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    name,
    port: actual,
    url: `http://${host}:${actual}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
