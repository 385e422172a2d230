// 5-fold cross-validation of the trainer: every message is scored by a model that never saw it
// (its calm chunks stay in its fold too). Folds come from a seeded shuffle, so they are stable.
import { scoreChunks, H } from "./model.ts";
import { train, type Featurised, type TrainOptions } from "./train.ts";

export const FOLDS = 5;

export function foldOf(count: number, seed: number): Uint8Array {
  const order = Array.from({ length: count }, (_, i) => i);
  let a = seed >>> 0;
  for (let i = count - 1; i > 0; i--) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    const j = a % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const fold = new Uint8Array(count);
  order.forEach((item, rank) => (fold[item] = rank % FOLDS));
  return fold;
}

/** Out-of-fold head scores, oof[i * H + h]. */
export function crossValidate(data: readonly Featurised[], options: TrainOptions, log: (s: string) => void = () => {}): Float64Array {
  const fold = foldOf(data.length, options.seed);
  const oof = new Float64Array(data.length * H);
  for (let f = 0; f < FOLDS; f++) {
    const model = train(data.filter((_, i) => fold[i] !== f), options);
    data.forEach((d, i) => {
      if (fold[i] !== f) return;
      const { probs } = scoreChunks(model, d.chunks);
      for (let h = 0; h < H; h++) oof[i * H + h] = probs[h]!;
    });
    log(`fold ${f + 1}/${FOLDS} done`);
  }
  return oof;
}
