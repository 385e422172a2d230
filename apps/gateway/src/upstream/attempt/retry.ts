// Outermost: runs attempts until one answers, the failure may not be retried, attempts run out,
// or the deadline would pass. A retry goes to another instance (the pick skips tried ones), after
// a full-jitter backoff, and never once the response has started. When no other instance is left,
// the last real failure answers, not the 503.
import { backoffDelay, sleep } from "./backoff.ts";
import { CLIENT_GONE, type AttemptOutcome } from "../exchange.ts";
import { NoInstanceError } from "./no-instance.ts";
import type { Interceptor } from "./call.ts";

export function retry(options: { now?: () => number; random?: () => number } = {}): Interceptor {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  return (next) =>
    async function retry(ctx, call) {
      let last: AttemptOutcome | null = null;
      for (call.attempt = 1; ; call.attempt++) {
        const outcome = await next(ctx, call);
        if (outcome.kind !== "failed") return outcome;
        if (outcome.error instanceof NoInstanceError) return last ?? outcome;
        last = outcome;
        if (call.attempt >= call.maxAttempts || !outcome.error.retryable || ctx.res.headersSent || ctx.signal.aborted) return outcome;
        const left = call.deadlineAt - now();
        const delay = backoffDelay(call.attempt, call.route.retry, random);
        if (delay >= left) return outcome;
        ctx.log.debug({ requestId: ctx.requestId, attempt: call.attempt, instance: call.instance?.key, code: outcome.error.code, delay }, "upstream attempt failed; retrying");
        if (delay > 0 && !(await sleep(delay, ctx.signal))) return CLIENT_GONE;
        call.tried.push(call.instance!);
      }
    };
}
