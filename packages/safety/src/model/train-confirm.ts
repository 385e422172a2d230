// The second stage's trainer: a one-hidden-layer ReLU network, Adam, L2 (weight decay), mini-
// batches in a seeded order, so the same inputs and options give the same head.
import { mulberry32 } from "./random.ts";
import type { ConfirmHead } from "./confirm.ts";

export interface ConfirmTrainOptions {
  hidden: number;
  epochs: number;
  rate: number;
  decay: number;
  batch: number;
  seed: number;
}

export const CONFIRM_DEFAULTS: ConfirmTrainOptions = { hidden: 32, epochs: 30, rate: 1e-3, decay: 1e-3, batch: 64, seed: 20261203 };

/** Rows of raw inputs (confirmInput) and labels; the head's thresholds are set by the caller. */
export function trainConfirm(rows: readonly Float64Array[], y: ArrayLike<number>, encoder: string, options: ConfirmTrainOptions = CONFIRM_DEFAULTS): ConfirmHead {
  const n = rows.length;
  const d = rows[0]!.length;
  const { hidden: h, batch } = options;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (const r of rows) for (let i = 0; i < d; i++) mean[i]! += r[i]! / n;
  for (const r of rows) for (let i = 0; i < d; i++) std[i]! += (r[i]! - mean[i]!) ** 2 / n;
  for (let i = 0; i < d; i++) std[i] = Math.sqrt(std[i]!) || 1;
  const x = rows.map((r) => Float64Array.from(r, (v, i) => (v - mean[i]!) / std[i]!));

  const random = mulberry32(options.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const w1 = Float64Array.from({ length: h * d }, () => gauss() * Math.sqrt(2 / d));
  const b1 = new Float64Array(h);
  const w2 = Float64Array.from({ length: h }, () => gauss() * Math.sqrt(1 / h));
  const b2 = new Float64Array(1);
  const params = [w1, b1, w2, b2];
  const grads = params.map((p) => new Float64Array(p.length));
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const pre = new Float64Array(h);
  const order = Array.from({ length: n }, (_, i) => i);
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < n; start += batch) {
      const end = Math.min(n, start + batch);
      for (const g of grads) g.fill(0);
      for (let k = start; k < end; k++) {
        const xi = x[order[k]!]!;
        let z = b2[0]!;
        for (let j = 0; j < h; j++) {
          let a = b1[j]!;
          const row = j * d;
          for (let i = 0; i < d; i++) a += w1[row + i]! * xi[i]!;
          pre[j] = a;
          if (a > 0) z += w2[j]! * a;
        }
        const dz = (1 / (1 + Math.exp(-z)) - y[order[k]!]!) / (end - start);
        grads[3]![0]! += dz;
        for (let j = 0; j < h; j++) {
          if (pre[j]! <= 0) continue;
          grads[2]![j]! += dz * pre[j]!;
          const dh = dz * w2[j]!;
          grads[1]![j]! += dh;
          const row = j * d;
          for (let i = 0; i < d; i++) grads[0]![row + i]! += dh * xi[i]!;
        }
      }
      t++;
      const c1 = 1 - 0.9 ** t, c2 = 1 - 0.999 ** t;
      params.forEach((p, q) => {
        const g = grads[q]!, mq = m[q]!, vq = v[q]!;
        const decay = q === 0 || q === 2 ? options.decay : 0;
        for (let i = 0; i < p.length; i++) {
          const gi = g[i]! + decay * p[i]!;
          mq[i] = 0.9 * mq[i]! + 0.1 * gi;
          vq[i] = 0.999 * vq[i]! + 0.001 * gi * gi;
          p[i]! -= (options.rate * (mq[i]! / c1)) / (Math.sqrt(vq[i]! / c2) + 1e-8);
        }
      });
    }
  }
  return { encoder, inputs: d, mean, std, hidden: h, w1, b1, w2, b2: b2[0]!, thresholds: { confident: 0.5, review: 0.5 }, meta: { options } };
}
