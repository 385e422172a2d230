// The built-in crisis model and how it scores a text: one logistic regression per head ("any
// crisis", then each crisis category) over the hashed n-grams and clinical signals of a window of
// 1-3 chunks (tokens.ts), the text's score being the highest of its windows and of the whole. A
// disclosure tucked between game talk is scored on its own window, undiluted; a long calm text is
// never scored as one bag that piles up weak evidence.
import { normalizeText } from "../text/normalize.ts";
import { chunkFeatures, type ChunkFeatures } from "./features.ts";
import { SIGNAL_NAMES } from "./signals.ts";
import { chunks } from "./tokens.ts";

export const MODEL_CATEGORIES = ["suicidal_ideation", "self_harm", "harm_to_others", "abuse_disclosure", "medical_emergency"] as const;
export type ModelCategory = (typeof MODEL_CATEGORIES)[number];
/** Head 0 is "any crisis"; heads 1.. are MODEL_CATEGORIES in order. */
export const HEADS = ["any", ...MODEL_CATEGORIES] as const;
export const H = HEADS.length;
export const WINDOW = 3;

export interface CrisisModel {
  dims: number;
  /** Quantised hashed weights, interleaved by feature: weights[j * H + h]. */
  weights: Int8Array;
  /** Per head, the weight of one quantisation step. */
  scales: Float64Array;
  bias: Float64Array;
  /** Clinical signal weights: signalWeights[s * H + h]. */
  signalWeights: Float64Array;
  /** Per head: at or above `confident`, a detection; at or above `review`, escalated for review. */
  thresholds: { confident: number[]; review: number[] };
  meta: Record<string, unknown>;
}

export interface ModelScore {
  /** Per head, the highest probability over the windows. */
  probs: Float64Array;
  /** The window (chunk range, end exclusive) that gave head h its score, and the chunks' texts. */
  best: Array<[number, number]>;
  chunks: string[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function scoreText(model: CrisisModel, text: string): ModelScore {
  return scoreChunks(model, chunks(normalizeText(text)).map((c) => ({ text: c.text, features: chunkFeatures(c, model.dims) })));
}

export function scoreChunks(model: CrisisModel, list: ReadonlyArray<{ text: string; features: ChunkFeatures }>): ModelScore {
  const k = list.length;
  const probs = new Float64Array(H);
  const best: Array<[number, number]> = HEADS.map(() => [0, 0]);
  if (k === 0) return { probs, best, chunks: [] };
  const dots = new Float64Array(k * H);
  const counts = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const { hashed } = list[c]!.features;
    const acc = new Int32Array(H);
    for (let i = 0; i < hashed.length; i++) {
      const base = hashed[i]! * H;
      for (let h = 0; h < H; h++) acc[h]! += model.weights[base + h]!;
    }
    for (let h = 0; h < H; h++) dots[c * H + h] = acc[h]!;
    counts[c] = hashed.length;
  }
  const seen = new Uint8Array(SIGNAL_NAMES.length);
  const logits = new Float64Array(H);
  const windows: Array<[number, number]> = [];
  for (let start = 0; start < k; start++) for (let len = 1; len <= WINDOW && start + len <= k; len++) windows.push([start, start + len]);
  if (k > WINDOW) windows.push([0, k]);
  probs.fill(-1);
  for (const [from, to] of windows) {
    seen.fill(0);
    let n = 0;
    logits.fill(0);
    for (let c = from; c < to; c++) {
      n += counts[c]!;
      for (let h = 0; h < H; h++) logits[h]! += dots[c * H + h]!;
      for (const s of list[c]!.features.signals) seen[s] = 1;
    }
    const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (let h = 0; h < H; h++) {
      let z = model.bias[h]! + logits[h]! * model.scales[h]! * norm;
      for (let s = 0; s < seen.length; s++) if (seen[s]) z += model.signalWeights[s * H + h]!;
      const p = sigmoid(z);
      if (p > probs[h]!) {
        probs[h] = p;
        best[h] = [from, to];
      }
    }
  }
  return { probs, best, chunks: list.map((c) => c.text) };
}
