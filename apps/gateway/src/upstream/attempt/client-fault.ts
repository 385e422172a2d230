// Attempt failures the client caused, not the instance: a request body over the route's limit cut
// while streaming. Like a client that went away, they feed neither the instance's passive health
// nor its breaker; otherwise a client could push healthy instances out of rotation.
import type { AttemptOutcome } from "../exchange.ts";

export function isClientFault(outcome: AttemptOutcome): boolean {
  return outcome.kind === "failed" && outcome.error.code === "GW_PAYLOAD_TOO_LARGE";
}
