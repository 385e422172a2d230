// Per attempt, last: the proxy, with this attempt's time limit (the route's attempt timeout or
// what is left of the request's deadline, whichever is shorter).
import type { Forward } from "../proxy.ts";
import type { AdmittedAttempt, Dispatch } from "./call.ts";

export function send(forward: Forward, now: () => number = Date.now): Dispatch<AdmittedAttempt> {
  return function send(ctx, attempt) {
    const { call, instance } = attempt;
    const { route } = call;
    const left = Math.max(1, call.deadlineAt - now());
    const timeoutMs = route.retry.attemptTimeoutMs === null ? left : Math.min(route.retry.attemptTimeoutMs, left);
    return forward(ctx, { route, instance, path: call.path, timeoutMs, connectTimeoutMs: route.retry.connectTimeoutMs, body: call.body, traceparent: attempt.span.traceparent });
  };
}
