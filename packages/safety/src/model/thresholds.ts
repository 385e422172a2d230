// Threshold picking on out-of-fold scores, recall first: the highest threshold whose recall on
// the positives reaches the target (more is not traded away for precision).

/** The highest t such that at least `target` of the positives score >= t. */
export function thresholdForRecall(scores: ArrayLike<number>, positive: ArrayLike<number>, target: number): number {
  const pos: number[] = [];
  for (let i = 0; i < scores.length; i++) if (positive[i]) pos.push(scores[i]!);
  if (pos.length === 0) return 0.5;
  pos.sort((a, b) => b - a);
  const need = Math.min(pos.length, Math.max(1, Math.ceil(target * pos.length)));
  return pos[need - 1]!;
}

export interface PR {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export function prAt(scores: ArrayLike<number>, positive: ArrayLike<number>, t: number): PR {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const hit = scores[i]! >= t;
    if (hit && positive[i]) tp++;
    else if (hit) fp++;
    else if (positive[i]) fn++;
  }
  return { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}
