// The second stage: a small network over the sentence encoder's vector of a flagged text and the
// first stage's "any crisis" logit (stacking), trained on the same corpus (scripts/train-confirm.ts).
// The n-gram model (stage one) is fast and finds nearly every crisis, but it also flags the
// corpus's hard negatives (game talk, hyperbole, "they asked and I said no"); the encoder, trained
// on far more text than ours, tells many of those apart. It only ever re-reads what stage one
// flagged, so calm traffic never pays for it.

export interface ConfirmHead {
  /** The encoder whose vectors it was trained on (encoder/use-lite.ts ENCODER_NAME). */
  encoder: string;
  /** Inputs: the encoder's dims, then the first stage's logit. Standardised by mean / std. */
  inputs: number;
  mean: Float64Array;
  std: Float64Array;
  hidden: number;
  /** hidden x inputs, row-major. */
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  b2: number;
  /** On the head's probability, among what stage one flagged: a detection, an escalation for review. */
  thresholds: { confident: number; review: number };
  meta: Record<string, unknown>;
}

const clamp = (p: number) => Math.min(1 - 1e-6, Math.max(1e-6, p));
export const logit = (p: number) => Math.log(clamp(p) / (1 - clamp(p)));

/** The head's input vector: the embedding and the first stage's logit. */
export function confirmInput(embedding: ArrayLike<number>, firstStageProb: number): Float64Array {
  const x = new Float64Array(embedding.length + 1);
  for (let i = 0; i < embedding.length; i++) x[i] = embedding[i]!;
  x[embedding.length] = logit(firstStageProb);
  return x;
}

/** The head's logit for one raw input (confirmInput), standardised here. */
export function confirmLogit(head: ConfirmHead, raw: ArrayLike<number>, scratch = new Float64Array(head.inputs)): number {
  const { inputs, hidden, w1, b1, w2, mean, std } = head;
  for (let i = 0; i < inputs; i++) scratch[i] = (raw[i]! - mean[i]!) / std[i]!;
  let z = head.b2;
  for (let j = 0; j < hidden; j++) {
    let a = b1[j]!;
    const row = j * inputs;
    for (let i = 0; i < inputs; i++) a += w1[row + i]! * scratch[i]!;
    if (a > 0) z += w2[j]! * a;
  }
  return z;
}

export const confirmProb = (head: ConfirmHead, raw: ArrayLike<number>) => 1 / (1 + Math.exp(-confirmLogit(head, raw)));

// The artefact is JSON (model/confirm-head.json): small (~70 KiB), diffable, numbers rounded to 1e-6.
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function encodeConfirmHead(head: ConfirmHead): string {
  const arr = (a: Float64Array) => Array.from(a, round6);
  return `${JSON.stringify({ format: "tta-confirm-head/1", encoder: head.encoder, inputs: head.inputs, hidden: head.hidden, mean: arr(head.mean), std: arr(head.std), w1: arr(head.w1), b1: arr(head.b1), w2: arr(head.w2), b2: round6(head.b2), thresholds: head.thresholds, meta: head.meta })}\n`;
}

export function decodeConfirmHead(json: string): ConfirmHead {
  const o = JSON.parse(json);
  if (o.format !== "tta-confirm-head/1") throw new Error("not a TTA confirm head (format)");
  const f = (a: unknown, n: number, name: string) => {
    if (!Array.isArray(a) || a.length !== n || !a.every((x) => typeof x === "number" && Number.isFinite(x))) throw new Error(`confirm head: ${name} must be ${n} numbers`);
    return Float64Array.from(a);
  };
  const { inputs, hidden } = o;
  if (!Number.isInteger(inputs) || !Number.isInteger(hidden) || inputs < 2 || hidden < 1) throw new Error("confirm head: bad shape");
  const std = f(o.std, inputs, "std");
  if (std.some((s) => s <= 0)) throw new Error("confirm head: std must be positive");
  const t = o.thresholds;
  if (!(t && t.review >= 0 && t.confident >= t.review && t.confident <= 1)) throw new Error("confirm head: thresholds need 0 <= review <= confident <= 1");
  return { encoder: String(o.encoder), inputs, hidden, mean: f(o.mean, inputs, "mean"), std, w1: f(o.w1, inputs * hidden, "w1"), b1: f(o.b1, hidden, "b1"), w2: f(o.w2, hidden, "w2"), b2: Number(o.b2), thresholds: { confident: t.confident, review: t.review }, meta: o.meta ?? {} };
}
