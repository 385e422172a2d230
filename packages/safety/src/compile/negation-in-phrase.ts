// Whether a phrase's own words hold a negation cue ("don't want to live", "isn't breathing"): such
// a phrase is not cancelled by negation unless the rule says so. Exceptions ("can't stop") do not count.
import { findAll } from "../text/find-all.ts";
import type { CompiledCues } from "./types.ts";

export function containsNegation(cues: CompiledCues, phrase: string): boolean {
  const text = phrase.replace(/[()[\]|?+*~^]/g, " ");
  const exceptions = cues.negationExceptions ? findAll(cues.negationExceptions, text) : [];
  return findAll(cues.negation, text).some((c) => !exceptions.some((e) => e.start < c.end && c.start < e.end));
}
