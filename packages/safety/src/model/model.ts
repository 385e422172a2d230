// The built-in crisis model and how it scores a text: one logistic regression per head ("any
// crisis", then each crisis category) over the hashed n-grams and clinical signals of a window of
// 1-3 chunks (tokens.ts), the text's score being the highest of its windows and of the whole. A
// disclosure tucked between game talk is scored on its own window, undiluted; a long calm text is
// never scored as one bag that piles up weak evidence.
import { normalizeText } from "../text/normalize.ts";
import { newScratch, textFeatures, type ChunkFeatures } from "./features.ts";
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

/** Scoring is synchronous and its features are used at once: one set of buffers serves every call. */
const scratch = newScratch();

export function scoreText(model: CrisisModel, text: string): ModelScore {
  const list = chunks(normalizeText(text));
  const features = textFeatures(list, model.dims, scratch);
  return scoreChunks(model, list.map((c, i) => ({ text: c.text, features: features[i]! })));
}

/** Hot path: per chunk one pass over its features for all heads, then each window from the sums. */
export function scoreChunks(model: CrisisModel, list: ReadonlyArray<{ text: string; features: ChunkFeatures }>): ModelScore {
  const k = list.length;
  const probs = new Float64Array(H);
  const best: Array<[number, number]> = HEADS.map(() => [0, 0]);
  if (k === 0) return { probs, best, chunks: [] };
  const { weights, scales } = model;
  const dots = new Float64Array(k * H);
  const counts = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const { hashed } = list[c]!.features;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0; // H = 6, unrolled
    for (let i = 0; i < hashed.length; i++) {
      const base = hashed[i]! * 6;
      a0 += weights[base]!;
      a1 += weights[base + 1]!;
      a2 += weights[base + 2]!;
      a3 += weights[base + 3]!;
      a4 += weights[base + 4]!;
      a5 += weights[base + 5]!;
    }
    const at = c * H;
    dots[at] = a0 * scales[0]!;
    dots[at + 1] = a1 * scales[1]!;
    dots[at + 2] = a2 * scales[2]!;
    dots[at + 3] = a3 * scales[3]!;
    dots[at + 4] = a4 * scales[4]!;
    dots[at + 5] = a5 * scales[5]!;
    counts[c] = hashed.length;
  }
  const windows: Windows = { stamp: new Int32Array(SIGNAL_NAMES.length).fill(-1), count: 0, top: new Float64Array(H).fill(-Infinity), from: new Int32Array(H), to: new Int32Array(H), z: new Float64Array(H) };
  for (let start = 0; start < k; start++) for (let len = 1; len <= WINDOW && start + len <= k; len++) scoreWindow(model, list, dots, counts, windows, start, start + len);
  if (k > WINDOW) scoreWindow(model, list, dots, counts, windows, 0, k);
  for (let h = 0; h < H; h++) {
    probs[h] = sigmoid(windows.top[h]!);
    best[h] = [windows.from[h]!, windows.to[h]!];
  }
  return { probs, best, chunks: list.map((c) => c.text) };
}

/** The running best window per head, and what scoring a window needs (allocated once a text). */
interface Windows {
  /** The window that last counted each signal: a signal counts once per window. */
  stamp: Int32Array;
  count: number;
  top: Float64Array;
  from: Int32Array;
  to: Int32Array;
  z: Float64Array;
}

/** One window (chunks from..to-1) from the per-chunk dot products: its hashed part scaled by 1/sqrt(count), plus its signals. */
function scoreWindow(model: CrisisModel, list: ReadonlyArray<{ features: ChunkFeatures }>, dots: Float64Array, counts: Float64Array, w: Windows, from: number, to: number): void {
  const { z, stamp, top } = w;
  const { bias, signalWeights } = model;
  let n = 0;
  for (let c = from; c < to; c++) n += counts[c]!;
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let h = 0; h < H; h++) z[h] = bias[h]!;
  const window = w.count++;
  for (let c = from; c < to; c++) {
    for (let h = 0; h < H; h++) z[h]! += dots[c * H + h]! * norm;
    const signals = list[c]!.features.signals;
    for (let i = 0; i < signals.length; i++) {
      const s = signals[i]!;
      if (stamp[s] === window) continue;
      stamp[s] = window;
      for (let h = 0; h < H; h++) z[h]! += signalWeights[s * H + h]!;
    }
  }
  for (let h = 0; h < H; h++) {
    if (z[h]! > top[h]!) {
      top[h] = z[h]!;
      w.from[h] = from;
      w.to[h] = to;
    }
  }
}
