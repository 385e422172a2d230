// The node:http request listener: one context per request, the composed stages, and a last-resort
// 500 for a stage that threw or for a chain that ended without answering.
import type { IncomingMessage, ServerResponse } from "node:http";
import { newId } from "@tta/domain";
import type { Logger } from "pino";
import type { CompiledConfig } from "../config/compiled.ts";
import { compose } from "./compose.ts";
import { createContext } from "./context.ts";
import { sendError } from "./send-error.ts";
import type { Stage } from "./stage.ts";

export interface RequestHandlerOptions {
  /** The edge stages (order.ts); the last one runs the matched route's chain. */
  stages: readonly Stage[];
  currentConfig: () => CompiledConfig | null;
  log: Logger;
  /** The handler of the HTTPS listener (every request arrived over TLS). Default false. */
  secure?: boolean;
}

export function createRequestHandler(options: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const run = compose(options.stages);
  const { log } = options;
  const secure = options.secure ?? false;
  return function handle(req, res) {
    const ctx = createContext(req, res, options.currentConfig(), log, secure);
    run(ctx).then(
      () => {
        if (res.writableEnded || res.destroyed) return;
        log.error({ requestId: ctx.requestId, traceId: ctx.trace?.traceId }, "no stage answered the request");
        sendError(ctx, "GW_INTERNAL");
      },
      (error: unknown) => {
        log.error({ err: error, requestId: ctx.requestId, traceId: ctx.trace?.traceId }, "request failed inside the gateway");
        ctx.requestId ||= newId("request");
        sendError(ctx, "GW_INTERNAL");
      },
    );
  };
}
