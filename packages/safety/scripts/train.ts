// `npm run train:safety`: trains the built-in crisis model on every data/train/*.jsonl, picks its
// thresholds on 5-fold cross-validation (recall first), and writes model/crisis-model.bin and
// model/cv-oof.json (the out-of-fold scores the evaluation reports and gates on). Deterministic:
// the same corpus gives the same bytes. Never reads data/eval-frozen.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { corpusSha256 } from "../src/eval/crisis-eval.ts";
import { readCorpus } from "../src/model/corpus.ts";
import { encodeModel } from "../src/model/codec.ts";
import { crossValidate } from "../src/model/cv.ts";
import { H, HEADS } from "../src/model/model.ts";
import { prAt, thresholdForRecall } from "../src/model/thresholds.ts";
import { featurise, train, TRAIN_DEFAULTS } from "../src/model/train.ts";

/**
 * Recall targets on cross-validation. "any crisis": the confident threshold and the lower review
 * threshold. Categories: among crisis messages, a label other than the most likely category is
 * also reported when its head reaches a threshold set so that each category's recall (given a
 * detection) reaches `category`.
 */
export const TARGETS = { confident: 0.95, review: 0.97, category: 0.97 };

const root = resolve(import.meta.dirname, "..");
const corpus = readCorpus(resolve(root, "data/train"));
const corpusHash = corpusSha256(corpus);
const options = TRAIN_DEFAULTS;
const started = performance.now();
const data = corpus.map((c) => featurise(c.text, c.labels, options.dims));
console.log(`corpus: ${corpus.length} lines (${data.filter((d) => d.y[0]).length} crisis) from ${new Set(corpus.map((c) => c.file)).size} files, sha256 ${corpusHash.slice(0, 12)}`);

const oof = crossValidate(data, options, (s) => console.log(`  ${s} (${((performance.now() - started) / 1000).toFixed(1)} s)`));
const anyScores = data.map((_, i) => oof[i * H]!);
const anyPositive = data.map((d) => d.y[0]!);
const confident = [round4(thresholdForRecall(anyScores, anyPositive, TARGETS.confident))];
const review = [round4(Math.min(confident[0]!, thresholdForRecall(anyScores, anyPositive, TARGETS.review)))];
for (const [name, t] of [["confident", confident[0]!], ["review", review[0]!]] as const) {
  const c = prAt(anyScores, anyPositive, t);
  console.log(`any crisis, ${name} >= ${t.toFixed(4)}: precision ${pct(c.precision)}, recall ${pct(c.recall)}`);
}
const crises = data.map((d, i) => ({ d, i })).filter(({ d }) => d.y[0]);
const top = (i: number) => { let best = 1; for (let h = 2; h < H; h++) if (oof[i * H + h]! > oof[i * H + best]!) best = h; return best; };
for (let h = 1; h < H; h++) {
  const labelled = crises.filter(({ d }) => d.y[h]);
  const first = labelled.filter(({ i }) => top(i) === h).length;
  const need = Math.ceil(TARGETS.category * labelled.length) - first;
  const others = labelled.filter(({ i }) => top(i) !== h).map(({ i }) => oof[i * H + h]!).sort((a, b) => b - a);
  const t = need <= 0 ? 1 : round4(others[Math.min(need, others.length) - 1] ?? 0);
  confident.push(t);
  review.push(t);
  console.log(`${HEADS[h]!.padEnd(18)} most likely in ${pct(first / labelled.length)} of its ${labelled.length} crises; also reported >= ${t.toFixed(4)}`);
}

const model = train(data, options);
model.thresholds = { confident, review };
model.meta = { corpusSha256: corpusHash, lines: corpus.length, crisis: data.filter((d) => d.y[0]).length, options, targets: TARGETS };
writeFileSync(resolve(root, "model/crisis-model.bin"), encodeModel(model));
writeFileSync(
  resolve(root, "model/cv-oof.json"),
  `${JSON.stringify({ corpusSha256: corpusHash, heads: HEADS, thresholds: model.thresholds, scores: data.map((_, i) => Array.from({ length: H }, (_, h) => round4(oof[i * H + h]!))) })}\n`,
);
const bytes = readFileSync(resolve(root, "model/crisis-model.bin")).length;
console.log(`wrote model/crisis-model.bin (${(bytes / 1024 / 1024).toFixed(2)} MiB) and model/cv-oof.json in ${((performance.now() - started) / 1000).toFixed(1)} s`);

function round4(x: number) {
  return Math.floor(x * 1e4) / 1e4; // down: a threshold rounded up could lose the positive it was picked for
}
function pct(x: number) {
  return `${(x * 100).toFixed(1)}%`;
}
