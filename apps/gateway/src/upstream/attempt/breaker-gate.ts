// Per attempt, after the pick: takes a pass from the instance's breaker (a half-open breaker has
// few) and gives it back with the verdict: an answer under 500 is a success; a 5xx answer, a
// timeout or a broken connection a failure; a client that went away is neither.
import { GatewayError } from "../../pipeline/gateway-error.ts";
import { BYPASS } from "../circuit-breaker/circuit-breaker.ts";
import type { Interceptor } from "./call.ts";
import { isClientFault } from "./client-fault.ts";

export function breakerGate(now: () => number = Date.now): Interceptor {
  return (next) =>
    async function breakerGate(ctx, call) {
      const instance = call.instance!;
      const permit = call.bypass ? BYPASS : instance.breaker.acquire(now());
      if (!permit) return { kind: "failed", error: new GatewayError("GW_BREAKER_OPEN") }; // the pick saw it allow
      call.permit = permit;
      const outcome = await next(ctx, call);
      if (outcome.kind === "client-gone" || isClientFault(outcome)) instance.breaker.release(permit);
      else instance.breaker.record(permit, outcome.kind === "answered" && outcome.status < 500, now());
      return outcome;
    };
}
