// The built-in classifier in two stages: the n-gram model reads every text (microseconds); what it
// flags is read again by the sentence encoder and the confirm head (model/confirm.ts), which
// clears most of its false alarms (game talk, hyperbole, "they asked and I said no"). A calm text
// is answered at once, without a promise. When the second stage cannot answer in its budget (the
// encoder thread busy, slow or down), the first stage's decision stands, marked for review:
// the second stage may only lower false alarms, it never loses a crisis.
import { readFileSync } from "node:fs";
import { confirmInput, confirmProb, decodeConfirmHead, type ConfirmHead } from "../model/confirm.ts";
import { confirmText } from "../model/confirm-text.ts";
import { confirmDecision, decide, type ModelDecision } from "../model/decide.ts";
import { scoreText, type CrisisModel, type ModelScore } from "../model/model.ts";
import type { SentenceEncoder } from "../encoder/use-lite.ts";
import { loadBuiltinModel } from "./builtin.ts";
import type { ClassifierVerdict, CrisisClassifier } from "./types.ts";
import { verdictOf } from "./verdict.ts";

export const CONFIRM_HEAD_URL = new URL("../../model/confirm-head.json", import.meta.url);

export function loadConfirmHead(path: URL | string = CONFIRM_HEAD_URL): ConfirmHead {
  return decodeConfirmHead(readFileSync(path, "utf8"));
}

export interface ConfirmStats {
  /** Texts the first stage flagged and the second re-read. */
  confirmed: number;
  /** Of those, cleared as calm. */
  cleared: number;
  /** The second stage could not answer: the first stage's decision kept, for review. */
  unavailable: number;
}

export interface ConfirmedClassifier extends CrisisClassifier {
  readonly model: CrisisModel;
  readonly head: ConfirmHead;
  readonly stats: ConfirmStats;
  /** Both stages' say on one text, for the console's "try a message": the first stage's verdict, the second's probability (null when the first found it calm, or the encoder could not answer) and the result. */
  explain(text: string): Promise<ConfirmExplanation>;
}

export interface ConfirmExplanation {
  firstStage: ClassifierVerdict;
  secondStage: { probability: number; thresholds: { confident: number; review: number } } | null;
  verdict: ClassifierVerdict;
}

/** What the second stage made of a flagged text: kept as a detection, downgraded to review, cleared, or no answer (kept for review). */
export type ConfirmOutcome = "detected" | "review" | "cleared" | "unavailable";

export interface ConfirmedOptions {
  model?: CrisisModel;
  head?: ConfirmHead;
  onUnavailable?: (error: Error) => void;
  onAnswer?: () => void;
  /** Each flagged text's outcome and how long it waited for the second stage (metrics). */
  observe?: (outcome: ConfirmOutcome, waitedMs: number) => void;
}

export function createConfirmedClassifier(encoder: SentenceEncoder, options: ConfirmedOptions = {}): ConfirmedClassifier {
  const model = options.model ?? loadBuiltinModel();
  const head = options.head ?? loadConfirmHead();
  const stats: ConfirmStats = { confirmed: 0, cleared: 0, unavailable: 0 };
  const firstStage = (text: string) => {
    const score = scoreText(model, text);
    return { score, first: decide(model.thresholds, score.probs) };
  };
  /** The second stage's probability for a text the first stage flagged; rejects when the encoder cannot answer. */
  const reread = (text: string, score: ModelScore) => encoder.embed([confirmText(text, score)]).then(([vector]) => confirmProb(head, confirmInput(vector!, score.probs[0]!)));
  /** No answer from the second stage: the first stage's decision stands, for review. */
  const unanswered = (first: ModelDecision): ModelDecision => ({ ...first, review: true });
  const classifier: ConfirmedClassifier = {
    name: "builtin",
    model,
    head,
    stats,
    async explain(text) {
      const { score, first } = firstStage(text);
      const firstVerdict = verdictOf(first, score);
      if (first.categories.length === 0) return { firstStage: firstVerdict, secondStage: null, verdict: firstVerdict };
      const probability = await reread(text, score).catch(() => null);
      if (probability === null) return { firstStage: firstVerdict, secondStage: null, verdict: verdictOf(unanswered(first), score) };
      return { firstStage: firstVerdict, secondStage: { probability: Math.round(probability * 1e4) / 1e4, thresholds: head.thresholds }, verdict: verdictOf(confirmDecision(first, probability, head.thresholds), score) };
    },
    classify(text) {
      const { score, first } = firstStage(text);
      if (first.categories.length === 0) return verdictOf(first, score);
      stats.confirmed++;
      const started = performance.now();
      return reread(text, score).then(
        (probability) => {
          options.onAnswer?.();
          const decision = confirmDecision(first, probability, head.thresholds);
          if (decision.categories.length === 0) stats.cleared++;
          options.observe?.(decision.categories.length === 0 ? "cleared" : decision.review ? "review" : "detected", performance.now() - started);
          return verdictOf(decision, score);
        },
        (error: Error) => {
          stats.unavailable++;
          options.onUnavailable?.(error);
          options.observe?.("unavailable", performance.now() - started);
          return verdictOf(unanswered(first), score);
        },
      );
    },
  };
  return classifier;
}
