// Whether a phrase's own words hold a negation cue ("don't want to live", "isn't breathing"): such
// a phrase is not cancelled by negation unless the rule says so. Exceptions ("can't stop") do not count.
import type { CompiledCues } from "./types.ts";

export function containsNegation(cues: CompiledCues, phrase: string): boolean {
  const text = phrase.replace(/[()[\]|?+*~^]/g, " ");
  const exceptions = spans(cues.negationExceptions, text);
  return spans(cues.negation, text).some(([s, e]) => !exceptions.some(([xs, xe]) => xs < e && s < xe));
}

function spans(re: RegExp | null, text: string): [number, number][] {
  if (!re) return [];
  const out: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([m.index, m.index + m[0].length]);
    re.lastIndex = m.index + Math.max(1, m[0].length);
  }
  return out;
}
