// Per attempt, right inside retry: the attempt's span, a child of the request's (each retry its
// own), whose traceparent the proxy sends upstream. It wraps the pick and the breaker, so that an
// attempt refused for want of an instance or by an open breaker is a span too. When the request is
// not recorded, the attempt carries the request's one traceparent and nothing is measured.
import type { AttemptResult, Attempt, Interceptor, TracedAttempt } from "./call.ts";
import type { AttemptEnd } from "../../tracing/request-trace.ts";

function attemptEnd(outcome: AttemptResult): AttemptEnd {
  const picked = outcome.attempt;
  const end: AttemptEnd = picked ? { instance: picked.instance.target, bypass: picked.bypass } : {};
  if (outcome.kind === "answered") end.status = outcome.status;
  else end.error = outcome.kind === "client-gone" ? "client_gone" : outcome.error.code;
  return end;
}

export function traceAttempt(): Interceptor<Attempt, TracedAttempt> {
  return (next) =>
    function traceAttempt(ctx, attempt) {
      const { trace } = ctx;
      const span = trace.attempt(attempt.number, attempt.call.pool.name, ctx.req.method ?? "GET");
      const traced: TracedAttempt = { call: attempt.call, number: attempt.number, tried: attempt.tried, span };
      if (!trace.recording) return next(ctx, traced);
      return next(ctx, traced).then((outcome) => {
        span.end(attemptEnd(outcome));
        return outcome;
      });
    };
}
