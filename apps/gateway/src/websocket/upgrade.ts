// WebSocket upgrades through the same edge stages as HTTP requests (route match, security, Origin,
// authentication, authorisation, rate limit): the upgrade's socket gets a ServerResponse, so a
// refusal is the usual JSON error over HTTP, before any upgrade. A WebSocket route's chain ends in
// the connect stage (the manager); the chain of any other route refuses the upgrade.
import { ServerResponse, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import type { CompiledConfig } from "../config/compiled.ts";
import type { IpSet } from "../net/ip-set.ts";
import { clientIp } from "../net/client-ip.ts";
import { compose } from "../pipeline/compose.ts";
import { createContext } from "../pipeline/context.ts";
import { sendError } from "../pipeline/send-error.ts";
import { ANSWERED, type RouteStage, type Stage } from "../pipeline/stage.ts";
import type { Upgrade, WsManager } from "./manager.ts";

/** Headers of the handshake that the request-headers stage strips as hop-by-hop; put back for ws. */
const HANDSHAKE = ["upgrade", "connection", "sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions"] as const;

export interface UpgradeHandlerOptions {
  /** The edge stages (pipeline/order.ts), the same as for HTTP requests. */
  stages: readonly Stage[];
  currentConfig: () => CompiledConfig | null;
  log: Logger;
}

export function createUpgradeHandler(options: UpgradeHandlerOptions): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const run = compose(options.stages);
  const { log } = options;
  return function upgrade(req, socket, head) {
    // A client that misbehaves on its socket loses its connection, never the process.
    socket.on("error", (error) => {
      log.debug({ err: error }, "websocket upgrade socket error");
      socket.destroy();
    });
    const handshake: Record<string, string | string[] | undefined> = {};
    for (const name of HANDSHAKE) handshake[name] = req.headers[name];
    const res = new ServerResponse(req);
    res.assignSocket(socket as Socket);
    res.shouldKeepAlive = false;
    res.once("finish", () => (socket as Socket).end()); // a refusal is answered, then the connection closes
    const state: Upgrade = { socket, head, upgraded: false, handshake };
    const ctx = createContext(req, res, options.currentConfig(), log);
    ctx.upgrade = state;
    run(ctx).then(
      () => {
        if (state.upgraded) return void res.detachSocket(socket as Socket);
        if (res.headersSent || socket.destroyed) return;
        log.error({ requestId: ctx.requestId }, "no stage answered the upgrade");
        sendError(ctx, "GW_INTERNAL");
      },
      (error: unknown) => {
        log.error({ err: error, requestId: ctx.requestId }, "upgrade failed inside the gateway");
        if (state.upgraded) return void socket.destroy();
        if (!res.headersSent && !socket.destroyed) sendError(ctx, "GW_INTERNAL");
        else socket.destroy();
      },
    );
  };
}

/**
 * Origin of a browser's upgrade (cross-site WebSocket hijacking): allowed by the route's CORS
 * origins, or the gateway's own origin when the route has no CORS settings. Clients that send no
 * Origin (not browsers) pass.
 */
export function upgradeOrigin(): RouteStage {
  return function upgradeOrigin(ctx, next) {
    const origin = ctx.req.headers.origin;
    if (!origin) return next();
    const cors = ctx.match.route.edge.cors;
    let allowed: boolean;
    if (cors) allowed = cors.origins === null || cors.origins.has(origin);
    else {
      try {
        allowed = new URL(origin).host === ctx.req.headers.host;
      } catch {
        allowed = false;
      }
    }
    if (allowed) return next();
    sendError(ctx, "GW_CORS_DENIED", { message: "This origin may not open a real-time connection on this route." });
    return ANSWERED;
  };
}

/** The end of a WebSocket route's upgrade chain: the session and its upstream leg (manager.ts). */
export function websocketConnect(manager: WsManager, trustedProxies: IpSet | null): RouteStage {
  return function websocketConnect(ctx) {
    const subject = ctx.auth ? `user:${ctx.auth.userId}` : `ip:${clientIp(ctx.req, trustedProxies)}`;
    return manager.connect(ctx, subject);
  };
}

export function refuseUpgrade(): RouteStage {
  return function refuseUpgrade(ctx) {
    sendError(ctx, "GW_UPGRADE_NOT_ALLOWED");
    return ANSWERED;
  };
}
