// The first stage: measures every request as a whole, from its start until the answer ended or the
// connection closed, and hands one observation to each recorder (metrics, traffic roll-ups). It
// never answers and never changes the answer; a recorder that throws is logged, not propagated.
import type { RequestRecorder } from "../../live/contracts.ts";
import type { Context } from "../../pipeline/context.ts";
import type { Stage } from "../../pipeline/stage.ts";

export type { RequestRecorder };

export interface ObserveOptions {
  recorders: readonly RequestRecorder[];
  now?: () => number; // ms, monotonic
}

export function observe(options: ObserveOptions): Stage {
  const recorders = [...options.recorders];
  const now = options.now ?? performance.now.bind(performance);

  function done(ctx: Context, started: number): void {
    const { res } = ctx;
    const status = res.headersSent ? res.statusCode : 0;
    const failed = status >= 500 || (status !== 0 && !res.writableEnded);
    const durationMs = now() - started;
    const route = ctx.match?.route ?? null;
    for (const recorder of recorders) {
      try {
        recorder.record(route, status, failed, durationMs);
      } catch (error) {
        ctx.log.error({ err: error, requestId: ctx.requestId, traceId: ctx.trace?.traceId }, "a request recorder failed");
      }
    }
  }

  return async function observe(ctx, next) {
    const started = now();
    try {
      await next();
    } finally {
      // Streamed answers (and the handler's last-resort 500 after a throw) end later: wait for them.
      if (ctx.res.writableEnded || ctx.res.destroyed) done(ctx, started);
      else ctx.res.once("close", () => done(ctx, started));
    }
  };
}
