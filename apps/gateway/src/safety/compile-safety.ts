// The safety side of a revision, compiled with its route table: each route's policy, and the
// rule set (null in the snapshot = @tta/safety's defaults). Compiling a rule set costs about
// 0.3-0.6 s, so each distinct one is compiled once per process and shared by every revision (and
// every gateway of a test process) that publishes it; none is compiled while no route scans.
import { snapshotChecksum, type TSnapshot, type TSnapshotRoute } from "@tta/domain";
import { compileSafetyRules, DEFAULT_SAFETY_RULES, type CompiledSafetyRules } from "@tta/safety";

export interface RouteSafety {
  readonly mode: "off" | "monitor" | "enforce";
  readonly crisisResponse: "acknowledge" | "forward";
  /** Content categories refused with 422 (enforce) or recorded (monitor). */
  readonly blocked: readonly string[];
  readonly forbidPii: boolean;
  readonly maskResponsePii: boolean;
}

const MAX_CACHED = 4;
const cache = new Map<string, CompiledSafetyRules>();

/** The compiled rule set of `input` (null = the defaults); throws SafetyRulesError on bad rules. */
export function compiledRules(input: unknown): CompiledSafetyRules {
  const key = snapshotChecksum(input ?? null);
  let rules = cache.get(key);
  if (rules) {
    cache.delete(key); // most recently used last
  } else {
    rules = compileSafetyRules(input ?? DEFAULT_SAFETY_RULES);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, rules);
  return rules;
}

export function routeSafety(r: TSnapshotRoute): RouteSafety {
  return Object.freeze({
    mode: r.safetyScan,
    crisisResponse: r.crisisResponse,
    blocked: Object.freeze([...r.blockedCategories]),
    forbidPii: r.forbidPii,
    maskResponsePii: r.maskResponsePii,
  });
}

/** The revision's rules, or null when no enabled route scans (nothing to compile). */
export function revisionRules(snapshot: TSnapshot): CompiledSafetyRules | null {
  return snapshot.routes.some((r) => r.enabled && r.safetyScan !== "off") ? compiledRules(snapshot.safetyRules) : null;
}
