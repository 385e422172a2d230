// Per attempt, first: the service's strategy picks an instance that is in rotation, whose breaker
// lets the request through, and that no earlier attempt of this request used. A crisis request on
// a route that allows crisis bypass may take an instance whose breaker is open when nothing else
// is left. Nothing at all: a NoInstanceError outcome (503). The outcome names the picked attempt.
import type { UpstreamObserver } from "../../live/contracts.ts";
import { noInstanceError } from "./no-instance.ts";
import type { Interceptor, PickedAttempt, TracedAttempt } from "./call.ts";

/** `observer` hears of requests refused because every breaker is open (instance "none"). */
export function pickInstance(observer?: UpstreamObserver, now: () => number = Date.now): Interceptor<TracedAttempt, PickedAttempt> {
  return (next) =>
    async function pickInstance(ctx, attempt) {
      const t = now();
      const { call, tried } = attempt;
      const { pool } = call;
      let chosen = pool.pick((i) => i.health.inRotation && i.breaker.allows(t) && !tried.includes(i), call.priority);
      let bypass = false;
      if (!chosen && call.priority === "crisis" && call.route.retry.crisisBypass) {
        chosen = pool.pick((i) => i.health.inRotation && !tried.includes(i), call.priority);
        bypass = chosen !== null;
      }
      if (!chosen) {
        const error = noInstanceError(pool, tried, t);
        if (error.code === "GW_BREAKER_OPEN") for (const i of pool.instances) if (i.health.inRotation && !tried.includes(i)) i.breaker.reject(t);
        if (error.code === "GW_BREAKER_OPEN" && attempt.number === 1)
          observer?.attempt({ route: call.route.name, service: pool.name, instance: "none", attempt: attempt.number, outcome: "breaker_open", durationMs: 0 });
        return { kind: "failed", error };
      }
      const picked: PickedAttempt = { call, number: attempt.number, tried, span: attempt.span, instance: chosen, bypass };
      const outcome = await next(ctx, picked);
      return outcome.attempt ? outcome : { ...outcome, attempt: picked };
    };
}
