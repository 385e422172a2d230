// A small real HTTP service standing in for one TTA service: it answers with who it is and what
// it saw, so a caller can check routing, rewriting and forwarded headers end to end. Tests can take
// it down (closed listener, or 503 on everything including /health) and bring it back on the same port.
// It accepts WebSocket upgrades on any path too (websocket.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_AUTH } from "@tta/db";
import { handleAuth } from "./auth/auth-routes.ts";
import { answerUnreadable, readBody } from "./body.ts";
import { TokenIssuer } from "./auth/token-issuer.ts";
import { attachWebSocket } from "./websocket.ts";

/** "refuse": the listener is closed (connection refused); "error": every answer is a 503. */
export type DownMode = "refuse" | "error";
export type DemoUpstreamState = "up" | `down:${DownMode}`;

export interface DemoUpstream {
  name: string;
  url: string;
  port: number;
  server: Server;
  state(): DemoUpstreamState;
  /** Takes the service down; open connections (WebSocket ones too) are cut either way. */
  down(mode?: DownMode): Promise<void>;
  /** Serves again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export interface DemoUpstreamOptions {
  name: string;
  host?: string;
  port?: number; // 0 = any free port
  instance?: string;
  /** Issues real tokens and serves the JWKS (/auth/login, /auth/refresh, /.well-known/jwks.json). Default: on for "auth". */
  tokens?: TokenIssuer | null;
}

const ECHO_BODY_LIMIT = 1 << 20;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      resolve();
    });
  });
}

function stopListening(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * The story's chapters: the same for every player, so the narrative service says they may be kept
 * by shared caches for a minute (public: also for requests with a token), with a validator and a
 * purge tag. The gateway's seeded narrative route caches them.
 */
const CHAPTERS = JSON.stringify({
  chapters: [
    { id: 1, title: "The Lantern at the Crossroads" },
    { id: 2, title: "A Bridge of Quiet Stones" },
    { id: 3, title: "The Garden That Remembers" },
  ],
});
const CHAPTERS_ETAG = `"chapters-${CHAPTERS.length}"`;

function answerChapters(req: IncomingMessage, res: ServerResponse): void {
  const headers = { "content-type": "application/json", "cache-control": "public, max-age=60, stale-while-revalidate=30", etag: CHAPTERS_ETAG, "surrogate-key": "chapters", "x-demo-service": "narrative" };
  if (req.headers["if-none-match"] === CHAPTERS_ETAG) return void res.writeHead(304, headers).end();
  res.writeHead(200, headers).end(req.method === "HEAD" ? undefined : CHAPTERS);
}

export async function startDemoUpstream(options: DemoUpstreamOptions): Promise<DemoUpstream> {
  const { name, host = "127.0.0.1", port = 0 } = options;
  const instance = options.instance ?? `${name}-${port || "auto"}`;
  let state: DemoUpstreamState = "up";
  const tokens = options.tokens !== undefined ? options.tokens : name === "auth" ? new TokenIssuer({ issuer: DEMO_AUTH.issuer, audience: DEMO_AUTH.audience }) : null;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (state === "down:error") {
      res.writeHead(503, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify({ status: "down", service: name, instance }));
      return;
    }
    const url = new URL(req.url ?? "/", "http://upstream");
    if (url.pathname === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok", service: name, instance }));
      return;
    }
    if (tokens && (await handleAuth(tokens, req, res, url.pathname))) return;
    if (name === "narrative" && url.pathname === "/narrative/chapters" && (req.method === "GET" || req.method === "HEAD")) return answerChapters(req, res);
    let body = "";
    if (req.method !== "GET" && req.method !== "HEAD") {
      const read = await readBody(req, ECHO_BODY_LIMIT);
      if (!read.ok) return answerUnreadable(res, read.reason, ECHO_BODY_LIMIT);
      body = read.body.toString("utf8");
    }
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
  };
  const server = createServer((req, res) => {
    // A failing request answers 500 (or is cut when its answer has begun); the service stays up.
    handle(req, res).catch((error: Error) => {
      console.error(`demo ${name}: ${req.method} ${req.url} failed: ${error.message}`);
      if (res.headersSent) res.destroy();
      else {
        res.writeHead(500, { "content-type": "application/json", connection: "close" });
        res.end(JSON.stringify({ error: "internal_error", service: name }));
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  const sockets = attachWebSocket(server, { name, instance, accepting: () => state === "up" });
  await listen(server, port, host);
  // Bringing it back must reuse the port the gateway was configured with.
  const actual = (server.address() as AddressInfo).port;
  return {
    name,
    port: actual,
    url: `http://${host}:${actual}`,
    server,
    state: () => state,
    async down(mode = "refuse") {
      if (state === `down:${mode}`) return;
      sockets.terminateAll();
      if (mode === "refuse") {
        state = "down:refuse";
        await stopListening(server);
      } else {
        if (!server.listening) await listen(server, actual, host);
        // Checked per request, so kept-alive connections get the 503 too (and are then closed).
        state = "down:error";
      }
    },
    async up() {
      if (!server.listening) await listen(server, actual, host);
      state = "up";
    },
    close() {
      sockets.terminateAll();
      return stopListening(server);
    },
  };
}
