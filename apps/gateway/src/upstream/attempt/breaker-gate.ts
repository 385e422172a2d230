// Per attempt, after the pick: takes a pass from the instance's breaker (a half-open breaker has
// few) and gives it back with the verdict (verdict.ts): success, 5xx failure, or connection
// failure / timeout; a client that went away is none of them.
import { GatewayError } from "../../pipeline/gateway-error.ts";
import { BYPASS } from "../circuit-breaker/circuit-breaker.ts";
import type { AdmittedAttempt, Interceptor, PickedAttempt } from "./call.ts";
import { isClientFault } from "./client-fault.ts";
import { verdict } from "./verdict.ts";

export function breakerGate(now: () => number = Date.now): Interceptor<PickedAttempt, AdmittedAttempt> {
  return (next) =>
    async function breakerGate(ctx, attempt) {
      const { instance } = attempt;
      const permit = attempt.bypass ? BYPASS : instance.breaker.acquire(now());
      if (!permit) return { kind: "failed", error: new GatewayError("GW_BREAKER_OPEN") }; // the pick saw it allow
      const outcome = await next(ctx, { ...attempt, permit });
      if (outcome.kind === "client-gone" || isClientFault(outcome)) instance.breaker.release(permit);
      else instance.breaker.record(permit, verdict(outcome), now());
      return outcome;
    };
}
