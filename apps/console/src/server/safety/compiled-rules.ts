// Compiling a rule set takes a few hundred milliseconds, so the "try a message" box keeps the last
// few compiled sets by content. A rule set that does not validate is a ConfigValidationError with
// the rule set's field paths, as from safety.rules.update.
import { ConfigValidationError } from "@tta/db";
import { snapshotChecksum } from "@tta/domain";
import { compileSafetyRules, SafetyRulesError, type CompiledSafetyRules } from "@tta/safety";

const KEEP = 4;
const cache = new Map<string, CompiledSafetyRules>();

export function compiledRules(rules: unknown): CompiledSafetyRules {
  const key = snapshotChecksum(rules);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // most recently used goes last
    cache.set(key, hit);
    return hit;
  }
  let compiled: CompiledSafetyRules;
  try {
    compiled = compileSafetyRules(rules);
  } catch (error) {
    if (error instanceof SafetyRulesError) throw new ConfigValidationError(error.errors, "The safety rules are not valid.");
    throw error;
  }
  cache.set(key, compiled);
  if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return compiled;
}
