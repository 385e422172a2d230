// The built-in classifier: the committed model (model/crisis-model.bin), loaded once, scored in
// process and synchronously (less than the rule scan costs, see bench/crisis-model.ts).
import { readFileSync } from "node:fs";
import { decodeModel } from "../model/codec.ts";
import { decide } from "../model/decide.ts";
import { scoreText, type CrisisModel } from "../model/model.ts";
import { verdictOf } from "./verdict.ts";
import type { ClassifierVerdict, CrisisClassifier } from "./types.ts";

export const BUILTIN_MODEL_URL = new URL("../../model/crisis-model.bin", import.meta.url);

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
      return verdictOf(decide(model.thresholds, score.probs), score);
    },
  };
}
