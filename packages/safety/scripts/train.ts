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

/** Recall targets on cross-validation: confident detection, and the lower review threshold. */
export const TARGETS = { confident: { any: 0.95, category: 0.9 }, review: { any: 0.98, category: 0.9 } };

const root = resolve(import.meta.dirname, "..");
const corpus = readCorpus(resolve(root, "data/train"));
const corpusHash = corpusSha256(corpus);
const options = TRAIN_DEFAULTS;
const started = performance.now();
const data = corpus.map((c) => featurise(c.text, c.labels, options.dims));
console.log(`corpus: ${corpus.length} lines (${data.filter((d) => d.y[0]).length} crisis) from ${new Set(corpus.map((c) => c.file)).size} files, sha256 ${corpusHash.slice(0, 12)}`);

const oof = crossValidate(data, options, (s) => console.log(`  ${s} (${((performance.now() - started) / 1000).toFixed(1)} s)`));
const confident: number[] = [];
const review: number[] = [];
for (let h = 0; h < H; h++) {
  const scores = data.map((_, i) => oof[i * H + h]!);
  const positive = data.map((d) => d.y[h]!);
  const target = h === 0 ? TARGETS.confident.any : TARGETS.confident.category;
  const low = h === 0 ? TARGETS.review.any : TARGETS.review.category;
  confident.push(round4(thresholdForRecall(scores, positive, target)));
  review.push(round4(Math.min(confident[h]!, thresholdForRecall(scores, positive, low))));
  const c = prAt(scores, positive, confident[h]!);
  const r = prAt(scores, positive, review[h]!);
  console.log(`${HEADS[h]!.padEnd(18)} confident >= ${confident[h]!.toFixed(4)}: P ${pct(c.precision)} R ${pct(c.recall)} | review >= ${review[h]!.toFixed(4)}: P ${pct(r.precision)} R ${pct(r.recall)}`);
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
