// Outermost: runs attempts until one answers, the failure may not be retried, attempts run out,
// or the deadline would pass. A retry goes to another instance (the pick skips tried ones), after
// a full-jitter backoff, and never once the response has started. When no other instance is left,
// the last real failure answers, not the 503. Each attempt is a new value: its number, and the
// instances tried before it.
import { backoffDelay, sleep } from "./backoff.ts";
import { CLIENT_GONE } from "../exchange.ts";
import { NoInstanceError } from "./no-instance.ts";
import type { Attempt, AttemptResult, Interceptor } from "./call.ts";

export function retry(options: { now?: () => number; random?: () => number } = {}): Interceptor<Attempt, Attempt> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  return (next) =>
    async function retry(ctx, first) {
      let attempt = first;
      let last: AttemptResult | null = null;
      for (;;) {
        const outcome = await next(ctx, attempt);
        if (outcome.kind !== "failed") return outcome;
        if (outcome.error instanceof NoInstanceError) return last ?? outcome;
        last = outcome;
        const { call } = attempt;
        if (attempt.number >= call.maxAttempts || !outcome.error.retryable || ctx.res.headersSent || ctx.clientGone()) return outcome;
        const left = call.deadlineAt - now();
        const delay = backoffDelay(attempt.number, call.route.retry, random);
        if (delay >= left) return outcome;
        const used = outcome.attempt?.instance;
        ctx.log.debug({ requestId: ctx.requestId, traceId: ctx.trace.traceId, attempt: attempt.number, instance: used?.key, code: outcome.error.code, delay }, "upstream attempt failed; retrying");
        if (delay > 0 && !(await sleep(delay, ctx.signal))) return CLIENT_GONE;
        attempt = { call, number: attempt.number + 1, tried: used ? [...attempt.tried, used] : attempt.tried };
      }
    };
}
