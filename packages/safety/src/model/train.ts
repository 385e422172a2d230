// The trainer: one-vs-rest logistic regression per head, AdaGrad with L2, a seeded shuffle (the
// same corpus and options give the same weights), then int8 quantisation per head. Each message is
// one example scored as the model scores its whole text (all chunks, hashed part scaled by
// 1/sqrt(count)); each single chunk of a calm message is an extra negative, because at inference
// every window must stay calm for the message to stay calm. The "any crisis" head learns crisis
// against calm; the category heads learn which crisis it is, from the crisis messages only (calm
// text is the any head's business), so a category head answers "given a crisis, is it this one?".
import { normalizeText } from "../text/normalize.ts";
import { textFeatures, type ChunkFeatures } from "./features.ts";
import { H, MODEL_CATEGORIES, type CrisisModel } from "./model.ts";
import { SIGNAL_NAMES } from "./signals.ts";
import { mulberry32 } from "./random.ts";
import { chunks } from "./tokens.ts";

export interface TrainOptions {
  dims: number;
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
  /** NB-LR: each feature scaled by |naive-Bayes log-count ratio| + nb while training (0 = off). */
  nb: number;
}

export const TRAIN_DEFAULTS: TrainOptions = { dims: 1 << 18, epochs: 8, rate: 0.4, l2: 1e-6, seed: 20261203, nb: 0.1 };

export interface Featurised {
  chunks: Array<{ text: string; features: ChunkFeatures }>;
  /** Per head, 1 when the message carries it (head 0: any crisis). */
  y: Uint8Array;
}

interface Example {
  index: Int32Array;
  value: Float32Array;
  signals: number[];
  y: Uint8Array;
}

export function featurise(text: string, labels: readonly string[], dims: number): Featurised {
  const y = new Uint8Array(H);
  MODEL_CATEGORIES.forEach((c, i) => {
    if (labels.includes(c)) y[i + 1] = 1;
  });
  y[0] = labels.length > 0 ? 1 : 0;
  const list = chunks(normalizeText(text));
  const features = textFeatures(list, dims);
  return { chunks: list.map((c, i) => ({ text: c.text, features: features[i]! })), y };
}

function example(parts: Featurised["chunks"], y: Uint8Array): Example {
  const counts = new Map<number, number>();
  const signals = new Set<number>();
  let n = 0;
  for (const { features } of parts) {
    for (const j of features.hashed) counts.set(j, (counts.get(j) ?? 0) + 1);
    n += features.hashed.length;
    for (const s of features.signals) signals.add(s);
  }
  const keys = [...counts.keys()].sort((a, b) => a - b);
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  return { index: Int32Array.from(keys), value: Float32Array.from(keys, (k) => counts.get(k)! * norm), signals: [...signals].sort((a, b) => a - b), y };
}

export function train(data: readonly Featurised[], options: TrainOptions = TRAIN_DEFAULTS): CrisisModel {
  const { dims, epochs, rate, l2 } = options;
  const S = SIGNAL_NAMES.length;
  const examples: Example[] = [];
  for (const d of data) {
    if (d.chunks.length === 0) continue;
    examples.push(example(d.chunks, d.y));
    if (d.y[0] === 0 && d.chunks.length > 1) for (const c of d.chunks) examples.push(example([c], d.y));
  }
  const r = options.nb > 0 ? nbRatios(examples, dims, options.nb) : null;
  const w = new Float64Array(dims * H);
  const gw = new Float64Array(dims * H);
  const sw = new Float64Array(S * H);
  const gs = new Float64Array(S * H);
  const b = new Float64Array(H);
  const gb = new Float64Array(H);
  const random = mulberry32(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const e of order.map((i) => examples[i]!)) {
      for (let h = 0; h < H; h++) {
        if (h > 0 && e.y[0] === 0) continue;
        let z = b[h]!;
        if (r) for (let k = 0; k < e.index.length; k++) z += w[e.index[k]! * H + h]! * e.value[k]! * r[e.index[k]! * H + h]!;
        else for (let k = 0; k < e.index.length; k++) z += w[e.index[k]! * H + h]! * e.value[k]!;
        for (const s of e.signals) z += sw[s * H + h]!;
        const g = 1 / (1 + Math.exp(-z)) - e.y[h]!;
        for (let k = 0; k < e.index.length; k++) {
          const at = e.index[k]! * H + h;
          const grad = g * e.value[k]! * (r ? r[at]! : 1) + l2 * w[at]!;
          gw[at]! += grad * grad;
          w[at]! -= (rate * grad) / Math.sqrt(gw[at]! + 1e-8);
        }
        for (const s of e.signals) {
          const at = s * H + h;
          const grad = g + l2 * sw[at]!;
          gs[at]! += grad * grad;
          sw[at]! -= (rate * grad) / Math.sqrt(gs[at]! + 1e-8);
        }
        gb[h]! += g * g;
        b[h]! -= (rate * g) / Math.sqrt(gb[h]! + 1e-8);
      }
    }
  }
  if (r) for (let i = 0; i < w.length; i++) w[i]! *= r[i]!;
  return quantise(w, b, sw, dims);
}

/** Per feature and head, how unevenly it falls on the two classes: |naive-Bayes log-count ratio| (after
 * NB-LR, Wang & Manning 2012; the sign is left to the regression) + offset. */
function nbRatios(examples: readonly Example[], dims: number, offset: number): Float64Array {
  const pos = new Float64Array(dims * H).fill(1);
  const neg = new Float64Array(dims * H).fill(1);
  for (const e of examples) for (let h = 0; h < H; h++) {
    if (h > 0 && e.y[0] === 0) continue;
    const into = e.y[h] ? pos : neg;
    for (const j of e.index) into[j * H + h]! += 1;
  }
  const sp = new Float64Array(H), sn = new Float64Array(H);
  for (let j = 0; j < dims; j++) for (let h = 0; h < H; h++) { sp[h]! += pos[j * H + h]!; sn[h]! += neg[j * H + h]!; }
  const r = new Float64Array(dims * H);
  for (let j = 0; j < dims; j++) for (let h = 0; h < H; h++) r[j * H + h] = Math.abs(Math.log(pos[j * H + h]! / sp[h]! / (neg[j * H + h]! / sn[h]!))) + offset;
  return r;
}

/** The few largest weights are clipped: a scale set by the single largest would round most others to 0. */
const CLIP_QUANTILE = 0.999;

/** Per head, int8 weights with a scale of the CLIP_QUANTILE magnitude / 127 (larger ones clipped); biases and signal weights rounded to 1e-6. */
function quantise(w: Float64Array, b: Float64Array, sw: Float64Array, dims: number): CrisisModel {
  const scales = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const magnitudes: number[] = [];
    for (let j = 0; j < dims; j++) if (w[j * H + h] !== 0) magnitudes.push(Math.abs(w[j * H + h]!));
    magnitudes.sort((a, b) => a - b);
    const top = magnitudes[Math.floor((magnitudes.length - 1) * CLIP_QUANTILE)] ?? 0;
    scales[h] = top > 0 ? round6(top / 127) : 1;
  }
  const weights = new Int8Array(dims * H);
  for (let j = 0; j < dims; j++) for (let h = 0; h < H; h++) weights[j * H + h] = Math.max(-127, Math.min(127, Math.round(w[j * H + h]! / scales[h]!)));
  return {
    dims,
    weights,
    scales,
    bias: b.map(round6),
    signalWeights: sw.map(round6),
    thresholds: { confident: new Array(H).fill(0.5), review: new Array(H).fill(0.3) },
    meta: {},
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
