// What an attempt's outcome says about the instance, for its breaker and its passive health: an
// answer under 500 is a success, a 5xx answer a failure (the instance is up; one endpoint may be
// broken), no answer at all (refused, reset, connect timeout, silence) a connection failure: the
// strong signal. Client faults and clients that went away are not asked about (see client-fault.ts).
import type { AttemptOutcome } from "../exchange.ts";
import type { CallResult } from "../circuit-breaker/rolling-window.ts";

const NO_ANSWER = new Set(["GW_UPSTREAM_TIMEOUT", "GW_UPSTREAM_UNAVAILABLE"]);

export function verdict(outcome: Exclude<AttemptOutcome, { kind: "client-gone" }>): CallResult {
  if (outcome.kind === "answered") return outcome.status < 500 ? "success" : "failure";
  return NO_ANSWER.has(outcome.error.code) ? "connection_failure" : "failure";
}
