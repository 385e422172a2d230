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
import { scoreText, type CrisisModel } from "../model/model.ts";
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
  const classifier: ConfirmedClassifier = {
    name: "builtin",
    model,
    head,
    stats,
    async explain(text) {
      const score = scoreText(model, text);
      const first = decide(model.thresholds, score.probs);
      const firstStage = verdictOf(first, score);
      if (first.categories.length === 0) return { firstStage, secondStage: null, verdict: firstStage };
      try {
        const [vector] = await encoder.embed([confirmText(text, score)]);
        const probability = confirmProb(head, confirmInput(vector!, score.probs[0]!));
        return { firstStage, secondStage: { probability: Math.round(probability * 1e4) / 1e4, thresholds: head.thresholds }, verdict: verdictOf(confirmDecision(first, probability, head.thresholds), score) };
      } catch {
        return { firstStage, secondStage: null, verdict: verdictOf({ ...first, review: true }, score) };
      }
    },
    classify(text) {
      const score = scoreText(model, text);
      const first = decide(model.thresholds, score.probs);
      if (first.categories.length === 0) return verdictOf(first, score);
      stats.confirmed++;
      const started = performance.now();
      return encoder.embed([confirmText(text, score)]).then(
        ([vector]) => {
          options.onAnswer?.();
          const decision = confirmDecision(first, confirmProb(head, confirmInput(vector!, score.probs[0]!)), head.thresholds);
          if (decision.categories.length === 0) stats.cleared++;
          options.observe?.(decision.categories.length === 0 ? "cleared" : decision.review ? "review" : "detected", performance.now() - started);
          return verdictOf(decision, score);
        },
        (error: Error) => {
          stats.unavailable++;
          options.onUnavailable?.(error);
          options.observe?.("unavailable", performance.now() - started);
          return verdictOf({ ...first, review: true }, score);
        },
      );
    },
  };
  return classifier;
}
