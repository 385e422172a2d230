// `npm run train:safety:confirm`: trains the second stage (src/model/confirm.ts) after
// `npm run train:safety`. Every corpus line is read by the sentence encoder once (vectors cached
// in .cache/, keyed by the corpus hash: a few minutes the first time), then the head is
// cross-validated on the same five folds as the first stage, stacked on the first stage's
// out-of-fold scores (model/cv-oof.json), and its thresholds picked recall first: among what the
// first stage flags, the cascade keeps TARGETS of all crises. Writes model/confirm-head.json and
// model/confirm-oof.json. Deterministic. Never reads data/eval-frozen.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { corpusSha256 } from "../src/eval/crisis-eval.ts";
import { loadBuiltinModel } from "../src/classifier/builtin.ts";
import { confirmInput, confirmProb, encodeConfirmHead } from "../src/model/confirm.ts";
import { confirmText } from "../src/model/confirm-text.ts";
import { readCorpus } from "../src/model/corpus.ts";
import { FOLDS, foldOf } from "../src/model/cv.ts";
import { MODEL_CATEGORIES, scoreText } from "../src/model/model.ts";
import { prAt } from "../src/model/thresholds.ts";
import { TRAIN_DEFAULTS } from "../src/model/train.ts";
import { CONFIRM_DEFAULTS, trainConfirm } from "../src/model/train-confirm.ts";
import { ENCODER_DIMS, ENCODER_NAME, loadUseLite } from "../src/encoder/use-lite.ts";

/**
 * Of all crises, the share the cascade keeps: as a detection, and as at least an escalation for
 * review. The review threshold also keeps, in every category, `categoryKept` of the crises the
 * first stage flagged: the second stage must not thin out one kind of crisis to win precision.
 */
export const TARGETS = { confident: 0.95, review: 0.965, categoryKept: 0.985 };

const root = resolve(import.meta.dirname, "..");
const corpus = readCorpus(resolve(root, "data/train"));
const sha = corpusSha256(corpus);
const oofFile = JSON.parse(readFileSync(resolve(root, "model/cv-oof.json"), "utf8"));
if (oofFile.corpusSha256 !== sha) throw new Error("model/cv-oof.json is from another corpus: run `npm run train:safety` first");
const firstAny: number[] = oofFile.scores.map((s: number[]) => s[0]!);
const firstReview: number = oofFile.thresholds.review[0];
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(0);

const vectors = await embedCorpus();
const rows = vectors.map((v, i) => confirmInput(v, firstAny[i]!));
const y = corpus.map((c) => (c.labels.length ? 1 : 0));

const fold = foldOf(corpus.length, TRAIN_DEFAULTS.seed);
const oof = new Float64Array(corpus.length);
for (let f = 0; f < FOLDS; f++) {
  const train = rows.map((_, i) => i).filter((i) => fold[i] !== f);
  const head = trainConfirm(train.map((i) => rows[i]!), train.map((i) => y[i]!), ENCODER_NAME);
  rows.forEach((r, i) => {
    if (fold[i] === f) oof[i] = confirmProb(head, r);
  });
  console.log(`  fold ${f + 1}/${FOLDS} done (${seconds()} s)`);
}

// The cascade's score: the second stage's, for what the first stage flags; 0 (calm) otherwise.
const cascade = corpus.map((_, i) => (firstAny[i]! >= firstReview ? oof[i]! : 0));
const review = Math.min(pick(TARGETS.review), ...MODEL_CATEGORIES.map((c) => pickWithin(c, TARGETS.categoryKept)));
const thresholds = { confident: Math.max(review, pick(TARGETS.confident)), review };
for (const [name, t] of Object.entries(thresholds)) {
  const c = prAt(cascade, y, t);
  console.log(`cascade, ${name} >= ${t.toFixed(4)}: precision ${pct(c.precision)}, recall ${pct(c.recall)} (first stage alone at the same recall: precision ${pct(firstStageAt(c.recall))})`);
}

const head = trainConfirm(rows, y, ENCODER_NAME);
head.thresholds = thresholds;
head.meta = { corpusSha256: sha, lines: corpus.length, options: CONFIRM_DEFAULTS, targets: TARGETS, firstStageReview: firstReview };
writeFileSync(resolve(root, "model/confirm-head.json"), encodeConfirmHead(head));
writeFileSync(resolve(root, "model/confirm-oof.json"), `${JSON.stringify({ corpusSha256: sha, thresholds, scores: Array.from(oof, (p) => Math.round(p * 1e4) / 1e4) })}\n`);
console.log(`wrote model/confirm-head.json and model/confirm-oof.json in ${seconds()} s`);

/** The highest cascade threshold keeping `target` of all crises (those stage one missed count as lost). */
function pick(target: number): number {
  const need = Math.ceil(target * y.filter(Boolean).length);
  const kept = cascade.filter((_, i) => y[i] && firstAny[i]! >= firstReview).sort((a, b) => b - a);
  if (kept.length < need) throw new Error(`the first stage keeps only ${kept.length} crises, fewer than the ${need} the target needs`);
  return Math.floor(kept[need - 1]! * 1e4) / 1e4;
}

/** The highest threshold keeping `share` of the crises of one category that the first stage flagged. */
function pickWithin(category: string, share: number): number {
  const kept = cascade.filter((_, i) => corpus[i]!.labels.includes(category) && firstAny[i]! >= firstReview).sort((a, b) => b - a);
  if (kept.length === 0) return 1;
  return Math.floor(kept[Math.max(0, Math.ceil(share * kept.length) - 1)]! * 1e4) / 1e4;
}

function firstStageAt(recall: number): number {
  const sorted = firstAny.map((s, i) => ({ s, p: y[i]! })).sort((a, b) => b.s - a.s);
  const total = y.filter(Boolean).length;
  let tp = 0, fp = 0;
  for (const { p } of sorted) {
    if (p) tp++;
    else fp++;
    if (tp >= recall * total) break;
  }
  return tp / (tp + fp);
}

async function embedCorpus(): Promise<Float32Array[]> {
  const cacheDir = resolve(root, ".cache");
  const file = resolve(cacheDir, `confirm-${ENCODER_NAME}-${sha.slice(0, 16)}.f32`);
  if (existsSync(file)) {
    const all = new Float32Array(new Uint8Array(readFileSync(file)).buffer);
    if (all.length === corpus.length * ENCODER_DIMS) {
      console.log(`encoder vectors from ${file}`);
      return corpus.map((_, i) => all.subarray(i * ENCODER_DIMS, (i + 1) * ENCODER_DIMS));
    }
  }
  const model = loadBuiltinModel();
  const texts = corpus.map((c) => confirmText(c.text, scoreText(model, c.text)));
  const encoder = await loadUseLite();
  const all = new Float32Array(corpus.length * ENCODER_DIMS);
  const BATCH = 32;
  for (let i = 0; i < texts.length; i += BATCH) {
    const out = await encoder.embed(texts.slice(i, i + BATCH));
    out.forEach((v, k) => all.set(v, (i + k) * ENCODER_DIMS));
    if ((i / BATCH) % 50 === 0) console.log(`  encoded ${i + out.length} of ${texts.length} lines (${seconds()} s)`);
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, new Uint8Array(all.buffer));
  return corpus.map((_, i) => all.subarray(i * ENCODER_DIMS, (i + 1) * ENCODER_DIMS));
}

function pct(x: number) {
  return `${(x * 100).toFixed(1)}%`;
}
