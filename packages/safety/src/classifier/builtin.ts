// The built-in classifier: the committed model (model/crisis-model.bin), loaded once, scored in
// process and synchronously (less than the rule scan costs, see bench/crisis-model.ts).
import { readFileSync } from "node:fs";
import { decodeModel } from "../model/codec.ts";
import { decide } from "../model/decide.ts";
import { MODEL_CATEGORIES, scoreText, type CrisisModel } from "../model/model.ts";
import type { ClassifierVerdict, CrisisClassifier } from "./types.ts";

export const BUILTIN_MODEL_URL = new URL("../../model/crisis-model.bin", import.meta.url);
const EVIDENCE_CHARS = 160;

/** Reads and decodes the committed model: call once at start-up. */
export function loadBuiltinModel(path: URL | string = BUILTIN_MODEL_URL): CrisisModel {
  return decodeModel(readFileSync(path));
}

export interface BuiltinClassifier extends CrisisClassifier {
  classify(text: string): ClassifierVerdict;
  readonly model: CrisisModel;
}

export function createBuiltinClassifier(model: CrisisModel = loadBuiltinModel()): BuiltinClassifier {
  return {
    name: "builtin",
    model,
    classify(text: string): ClassifierVerdict {
      const score = scoreText(model, text);
      const decision = decide(model.thresholds, score.probs);
      if (decision.categories.length === 0) return { status: "ok", categories: [], review: false, evidence: "" };
      const head = MODEL_CATEGORIES.indexOf(decision.categories[0]!) + 1;
      const [from, to] = score.best[head]!;
      const words = score.chunks.slice(from, to).join(" / ");
      return {
        status: "ok",
        categories: decision.categories.map((category) => ({ category, score: round3(score.probs[MODEL_CATEGORIES.indexOf(category) + 1]!) })),
        review: decision.review,
        evidence: words.length > EVIDENCE_CHARS ? `${words.slice(0, EVIDENCE_CHARS - 3)}...` : words,
      };
    },
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
