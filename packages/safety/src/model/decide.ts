// From a text's head scores to a decision. The "any crisis" head decides whether there is a
// crisis: at or above its confident threshold a detection, at or above its review threshold an
// escalation for review (recall first: an uncertain message goes to a person at a lower severity,
// it is never dropped). The category heads then say which: those at or above their own threshold,
// else the most likely one.
import { MODEL_CATEGORIES, type CrisisModel, type ModelCategory } from "./model.ts";

export interface ModelDecision {
  /** Detected (confident or review) categories, most likely first; empty when calm. */
  categories: ModelCategory[];
  /** True when the decision is only above the review threshold. */
  review: boolean;
  /** Head scores: [any, ...categories]. */
  probs: ArrayLike<number>;
}

export function decide(thresholds: CrisisModel["thresholds"], probs: ArrayLike<number>): ModelDecision {
  const { confident, review } = thresholds;
  const any = probs[0]!;
  if (any < review[0]!) return { categories: [], review: false, probs };
  const ranked = MODEL_CATEGORIES.map((c, i) => ({ c, i: i + 1 })).sort((a, b) => probs[b.i]! / confident[b.i]! - probs[a.i]! / confident[a.i]!);
  const sure = ranked.filter(({ i }) => probs[i]! >= confident[i]!).map(({ c }) => c);
  return { categories: sure.length ? sure : [ranked[0]!.c], review: any < confident[0]!, probs };
}
