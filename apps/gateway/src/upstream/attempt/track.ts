// Per attempt, around the proxy: counts the attempt in flight on its instance (least connections,
// therapeutic priority), feeds the instance's passive health, and reports the attempt to the
// observer (metrics). Labels are names, never paths.
import type { AttemptOutcome as ObservedOutcome, UpstreamObserver } from "../../live/contracts.ts";
import type { AttemptOutcome } from "../exchange.ts";
import type { AdmittedAttempt, AttemptResult, Interceptor } from "./call.ts";
import { isClientFault } from "./client-fault.ts";
import { verdict } from "./verdict.ts";

function observed(outcome: AttemptOutcome): ObservedOutcome {
  if (outcome.kind === "answered") return outcome.status < 500 ? "ok" : "error";
  if (outcome.kind === "client-gone") return "aborted";
  return outcome.error.code === "GW_UPSTREAM_TIMEOUT" ? "timeout" : "error";
}

export function track(observer: UpstreamObserver, now: () => number = Date.now): Interceptor<AdmittedAttempt, AdmittedAttempt> {
  return (next) =>
    async function track(ctx, attempt) {
      const { instance, call } = attempt;
      const started = performance.now();
      instance.active++;
      let outcome: AttemptResult;
      try {
        outcome = await next(ctx, attempt);
      } finally {
        instance.active--;
      }
      const durationMs = performance.now() - started;
      if (outcome.kind === "answered") instance.health.recordTraffic(verdict(outcome), outcome.headersMs, now());
      else if (outcome.kind === "failed" && !isClientFault(outcome)) instance.health.recordTraffic(verdict(outcome), durationMs, now());
      observer.attempt({ route: call.route.name, service: call.pool.name, instance: instance.key, attempt: attempt.number, outcome: observed(outcome), durationMs });
      return outcome;
    };
}
