// Per attempt, first: the service's strategy picks an instance that is in rotation, whose breaker
// lets the request through, and that no earlier attempt of this request used. A crisis request on
// a route that allows crisis bypass may take an instance whose breaker is open when nothing else
// is left. Nothing at all: a NoInstanceError outcome (503).
import { noInstanceError } from "./no-instance.ts";
import type { Interceptor } from "./call.ts";

export function pickInstance(now: () => number = Date.now): Interceptor {
  return (next) =>
    async function pickInstance(ctx, call) {
      const t = now();
      const { tried, pool } = call;
      let chosen = pool.pick((i) => i.health.inRotation && i.breaker.allows(t) && !tried.includes(i), call.priority);
      call.bypass = false;
      if (!chosen && call.priority === "crisis" && call.route.retry.crisisBypass) {
        chosen = pool.pick((i) => i.health.inRotation && !tried.includes(i), call.priority);
        call.bypass = chosen !== null;
      }
      if (!chosen) return { kind: "failed", error: noInstanceError(call, t) };
      call.instance = chosen;
      return next(ctx, call);
    };
}
