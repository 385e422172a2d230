// A model decision as the classifier interface's verdict: categories with their scores, whether it
// is only for review, and the words of the window that scored highest as evidence.
import type { ModelDecision } from "../model/decide.ts";
import { MODEL_CATEGORIES, type ModelScore } from "../model/model.ts";
import type { ClassifierVerdict } from "./types.ts";

const EVIDENCE_CHARS = 160;

export function verdictOf(decision: ModelDecision, score: ModelScore): ClassifierVerdict {
  if (decision.categories.length === 0) return { status: "ok", categories: [], review: false, evidence: "" };
  const headIndex = MODEL_CATEGORIES.indexOf(decision.categories[0]!) + 1;
  const [from, to] = score.best[headIndex]!;
  const words = score.chunks.slice(from, to).join(" / ");
  return {
    status: "ok",
    categories: decision.categories.map((category) => ({ category, score: round3(score.probs[MODEL_CATEGORIES.indexOf(category) + 1]!) })),
    review: decision.review,
    evidence: words.length > EVIDENCE_CHARS ? `${words.slice(0, EVIDENCE_CHARS - 3)}...` : words,
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
