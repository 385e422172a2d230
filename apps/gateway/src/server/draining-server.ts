// An http.Server that can shut down gracefully: stop accepting, let in-flight requests finish
// (their connections close after the answer, which says Connection: close), close idle keep-alive
// connections at once, then cut whatever is left at the deadline. Timeouts: an idle keep-alive
// connection lives keepAliveTimeout; a request's headers must arrive within headersTimeout of its
// first byte (node checks every connectionsCheckingInterval, here a second, not node's 30 s).
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface DrainingServer {
  readonly server: Server;
  draining(): boolean;
  inFlight(): number;
  listen(port: number, host: string): Promise<number>;
  /** Resolves when the server is closed; `abandoned` = requests cut at the deadline. */
  close(deadlineMs: number): Promise<{ abandoned: number }>;
}

export interface DrainingServerOptions extends ServerOptions {
  keepAliveTimeout?: number;
  headersTimeout?: number;
}

export function createDrainingServer(handler: (req: IncomingMessage, res: ServerResponse) => void, options: DrainingServerOptions = {}): DrainingServer {
  const { keepAliveTimeout, headersTimeout, ...serverOptions } = options;
  const active = new Set<ServerResponse>();
  let draining = false;
  let onIdle: (() => void) | null = null;

  const server = createServer({ connectionsCheckingInterval: 1_000, ...serverOptions }, (req, res) => {
    active.add(res);
    res.once("close", () => {
      active.delete(res);
      if (active.size === 0) onIdle?.();
    });
    if (draining) res.shouldKeepAlive = false;
    handler(req, res);
  });
  if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
  if (headersTimeout !== undefined) {
    server.headersTimeout = headersTimeout;
    server.requestTimeout = Math.max(server.requestTimeout, headersTimeout); // node requires requestTimeout >= headersTimeout
  }

  return {
    server,
    draining: () => draining,
    inFlight: () => active.size,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    async close(deadlineMs) {
      draining = true;
      for (const res of active) if (!res.headersSent) res.shouldKeepAlive = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (active.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          onIdle = resolve;
          timer = setTimeout(resolve, deadlineMs);
        });
        clearTimeout(timer);
      }
      const abandoned = active.size;
      server.closeAllConnections();
      await closed;
      return { abandoned };
    },
  };
}
