// The crisis classifier interface: the built-in model (builtin.ts), an operator's HTTP moderation
// endpoint (http.ts), or any other model an operator plugs in (an ONNX file behind the same
// interface: load it once at start, classify per text). A classifier that cannot answer says so
// ("unavailable"): the combination escalates that for review, it never passes it silently.
import type { ModelCategory } from "../model/model.ts";

export interface ClassifiedCategory {
  category: ModelCategory;
  /** The classifier's score, 0-1. */
  score: number;
}

export type ClassifierVerdict =
  | {
      status: "ok";
      /** Detected categories, most likely first; empty when the text is calm. */
      categories: ClassifiedCategory[];
      /** Only above the review threshold: escalate at a lower severity, for a person to look at. */
      review: boolean;
      /** The words that scored highest (normalized), for the event's signal; PII is masked later. */
      evidence: string;
    }
  | { status: "unavailable"; reason: string };

export interface ClassifyOptions {
  signal?: AbortSignal;
}

export interface CrisisClassifier {
  /** Named in signals (`model:builtin`, `model:http`). */
  readonly name: string;
  classify(text: string, options?: ClassifyOptions): ClassifierVerdict | Promise<ClassifierVerdict>;
}
