// WebSocket upgrades through the same edge stages as HTTP requests (route match, security, Origin,
// authentication, authorisation, rate limit): the upgrade's socket gets a ServerResponse, so a
// refusal is the usual JSON error over HTTP, before any upgrade. The route's upgrade chain ends in
// the WebSocket manager's connect, or in a refusal on routes that are not WebSocket routes.
import { ServerResponse, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import type { CompiledConfig } from "../config/compiled.ts";
import { forgetConnectionHop } from "../http/forwarded-headers.ts";
import { compose } from "../pipeline/compose.ts";
import { createContext } from "../pipeline/context.ts";
import { sendError } from "../pipeline/send-error.ts";
import type { Stage } from "../pipeline/stage.ts";
import type { Upgrade } from "../pipeline/upgrade.ts";

/** Headers of the handshake that the request-headers stage strips as hop-by-hop; ws needs them back. */
const HANDSHAKE = ["upgrade", "connection", "sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions"] as const;

export interface UpgradeHandlerOptions {
  /** The edge stages (pipeline/order.ts), the same as for HTTP requests. */
  stages: readonly Stage[];
  currentConfig: () => CompiledConfig | null;
  log: Logger;
  /** The handler of the HTTPS listener. Default false. */
  secure?: boolean;
}

const LOG = Symbol("tta.upgrade.log");
type Guarded = Duplex & { [LOG]?: Logger };

/**
 * A client that misbehaves on its socket loses its connection, never the process. One listener for
 * every socket (it lives as long as the socket): it holds nothing of the request.
 */
function onSocketError(this: Guarded, error: Error): void {
  this[LOG]?.debug({ err: error }, "websocket upgrade socket error");
  this.destroy();
}

export function createUpgradeHandler(options: UpgradeHandlerOptions): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const run = compose(options.stages);
  const { log } = options;
  return function upgrade(req, socket, head) {
    (socket as Guarded)[LOG] = log;
    socket.on("error", onSocketError);
    const handshake: Record<string, string | string[] | undefined> = {};
    for (const name of HANDSHAKE) handshake[name] = req.headers[name];
    const res = new ServerResponse(req);
    res.assignSocket(socket as Socket);
    res.shouldKeepAlive = false;
    res.once("finish", () => (socket as Socket).end()); // a refusal is answered, then the connection closes
    const state: Upgrade = { socket, head, upgraded: false, handshake };
    const ctx = createContext(req, res, options.currentConfig(), log, options.secure ?? false);
    ctx.upgrade = state;
    run(ctx).then(
      () => {
        if (state.upgraded) {
          res.detachSocket(socket as Socket);
          forgetConnectionHop(socket as Socket);
          return;
        }
        if (res.headersSent || socket.destroyed) return;
        log.error({ requestId: ctx.requestId, traceId: ctx.trace?.traceId }, "no stage answered the upgrade");
        sendError(ctx, "GW_INTERNAL");
      },
      (error: unknown) => {
        log.error({ err: error, requestId: ctx.requestId, traceId: ctx.trace?.traceId }, "upgrade failed inside the gateway");
        if (!state.upgraded && !res.headersSent && !socket.destroyed) sendError(ctx, "GW_INTERNAL");
        else socket.destroy();
      },
    );
  };
}
