// From a text's head scores to a decision. The "any crisis" head decides whether there is a
// crisis: at or above its confident threshold a detection, at or above its review threshold an
// escalation for review (recall first: an uncertain message goes to a person at a lower severity,
// it is never dropped). The category heads (trained on crisis messages only: "given a crisis, is
// it this one?") then say which: the most likely, plus any other at or above its own threshold.
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
  const ranked = MODEL_CATEGORIES.map((c, i) => ({ c, i: i + 1 })).sort((a, b) => probs[b.i]! - probs[a.i]!);
  const also = ranked.slice(1).filter(({ i }) => probs[i]! >= confident[i]!).map(({ c }) => c);
  return { categories: [ranked[0]!.c, ...also], review: any < confident[0]!, probs };
}

/**
 * The second stage's word on a first-stage decision (confirm.ts): below its review threshold the
 * text is calm after all, between its thresholds an escalation for review, above them the first
 * stage's decision stands. A calm first-stage decision is never re-read.
 */
export function confirmDecision(decision: ModelDecision, confirmProb: number, thresholds: { confident: number; review: number }): ModelDecision {
  if (decision.categories.length === 0) return decision;
  if (confirmProb < thresholds.review) return { categories: [], review: false, probs: decision.probs };
  return { ...decision, review: confirmProb < thresholds.confident };
}
