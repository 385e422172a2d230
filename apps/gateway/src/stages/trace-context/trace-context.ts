// Puts every request in a trace (tracing/tracing.ts decides which: a trusted caller's, or a new
// one) before any stage can answer, so that every error answer and log line can name its trace id.
// When the request is recorded, its server span ends with the answer: once the response is
// complete or the connection closed, or at once for an upgraded WebSocket (the span covers the
// handshake, not the session). Unrecorded requests pass straight on: no async frame, no listener.
import type { Context } from "../../pipeline/context.ts";
import type { Next, Stage } from "../../pipeline/stage.ts";
import type { RequestTrace } from "../../tracing/request-trace.ts";
import type { Tracing } from "../../tracing/tracing.ts";

function endOf(ctx: Context, trace: RequestTrace): void {
  const { res } = ctx;
  const upgraded = ctx.upgrade?.upgraded === true;
  const status = upgraded ? 101 : res.headersSent ? res.statusCode : 0;
  trace.end({ route: ctx.match?.route ?? null, status, complete: upgraded || res.writableFinished, requestId: ctx.requestId });
}

async function recorded(ctx: Context, next: Next, trace: RequestTrace): Promise<void> {
  try {
    await next();
  } finally {
    const { res } = ctx;
    if (ctx.upgrade?.upgraded || res.writableFinished || res.destroyed) endOf(ctx, trace);
    else res.once("close", () => endOf(ctx, trace)); // streamed answers, and the handler's last-resort 500 after a throw
  }
}

export function traceContext(tracing: Tracing): Stage {
  return function traceContext(ctx, next) {
    const trace = (ctx.trace = tracing.start(ctx.req));
    return trace.recording ? recorded(ctx, next, trace) : next();
  };
}
