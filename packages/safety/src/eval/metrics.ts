// Precision and recall per label, and for "any crisis" (a message with at least one crisis label
// against a scan that detected a crisis, whatever the category).

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Scored {
  labels: readonly string[];
  predicted: readonly string[];
}

export const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

export function countLabel(items: readonly Scored[], has: (labels: readonly string[]) => boolean): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const item of items) {
    const truth = has(item.labels);
    const guess = has(item.predicted);
    if (truth && guess) c.tp++;
    else if (guess) c.fp++;
    else if (truth) c.fn++;
    else c.tn++;
  }
  return c;
}

export interface Report {
  anyCrisis: Counts;
  perLabel: [string, Counts][];
}

export function report(items: readonly Scored[], labels: readonly string[], crisis: readonly string[]): Report {
  return {
    anyCrisis: countLabel(items, (ls) => ls.some((l) => crisis.includes(l))),
    perLabel: labels.map((label) => [label, countLabel(items, (ls) => ls.includes(label))]),
  };
}
