// `npm run eval:safety`: precision and recall of the default rules on test-data/eval.jsonl, for all
// lines, the tuning lines and the held-out lines (every 5th, never looked at while tuning).
// Exits 1 when "any crisis" recall < 0.95 or precision < 0.90 on all lines: a quality gate.
// --errors prints the misclassified tuning lines (held-out lines stay unseen).
// Then the crisis model: rules alone, model alone and combined, one stage and two (the sentence
// encoder re-reading what the first flags), per category, by 5-fold cross-validation on the
// training corpus (model/cv-oof.json, model/confirm-oof.json) and on the frozen sets (figures only:
// never their lines). Also exits 1 when the model is stale (trained on another corpus) or the
// cross-validated combination misses its targets (any crisis recall >= 0.95, each category >= 0.90).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compileSafetyRules, CONTENT_CATEGORIES, CRISIS_CATEGORIES, DEFAULT_SAFETY_RULES, loadBuiltinModel, scan } from "../src/index.ts";
import { corpusSha256, threeWay, type LabelledLine, type SecondStage, type ThreeWay } from "../src/eval/crisis-eval.ts";
import { loadConfirmHead } from "../src/classifier/confirmed.ts";
import { loadUseLite } from "../src/encoder/use-lite.ts";
import { confirmInput, confirmProb } from "../src/model/confirm.ts";
import { confirmText } from "../src/model/confirm-text.ts";
import { decide } from "../src/model/decide.ts";
import { readCorpus } from "../src/model/corpus.ts";
import { scoreText } from "../src/model/model.ts";
import { parseEvalJsonl, type EvalItem } from "../src/eval/dataset.ts";
import { precision, recall, report, type Counts } from "../src/eval/metrics.ts";

const MIN_RECALL = 0.95;
const MIN_PRECISION = 0.9;
const LABELS = [...CRISIS_CATEGORIES, ...CONTENT_CATEGORIES, "pii"];

const items = parseEvalJsonl(readFileSync(resolve(import.meta.dirname, "../test-data/eval.jsonl"), "utf8"));
const rules = compileSafetyRules(DEFAULT_SAFETY_RULES);
const started = performance.now();
const scored = items.map((item) => {
  const result = scan(item.text, rules);
  const predicted = [...result.crisis.categories, ...result.content.violations.map((v) => v.category), ...(result.privacy.pii.length ? ["pii"] : [])];
  return { ...item, predicted: [...new Set(predicted)], result };
});
const micros = ((performance.now() - started) * 1000) / items.length;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const row = (name: string, c: Counts) =>
  `${name.padEnd(26)}${pct(precision(c))}${pct(recall(c))}   tp ${String(c.tp).padStart(3)} fp ${String(c.fp).padStart(3)} fn ${String(c.fn).padStart(3)}`;

function print(title: string, subset: typeof scored): Counts {
  const r = report(subset, LABELS, CRISIS_CATEGORIES);
  console.log(`\n${title} (${subset.length} lines)\n${"".padEnd(26)}  prec.  recall`);
  console.log(row("any crisis", r.anyCrisis));
  for (const [label, c] of r.perLabel) console.log(row(`  ${label}`, c));
  return r.anyCrisis;
}

console.log(`safety evaluation: rules ${rules.version}, ${items.length} lines (${micros.toFixed(0)} µs a line, cold: first uses compile regexes; warm figures: bench/safety-scan.ts)`);
const all = print("all lines", scored);
print("tuning lines", scored.filter((s) => !s.heldOut));
print("held-out lines (every 5th)", scored.filter((s) => s.heldOut));

if (process.argv.includes("--errors")) {
  console.log("\nmisclassified tuning lines:");
  for (const s of scored.filter((x: EvalItem & { predicted: string[] }) => !x.heldOut)) {
    const missing = s.labels.filter((l) => !s.predicted.includes(l));
    const extra = s.predicted.filter((l) => !s.labels.includes(l));
    if (missing.length || extra.length) {
      const why = [...s.result.crisis.signals, ...s.result.content.violations].map((x) => `${x.rule}:"${x.match}"`).join(" ");
      const sup = s.result.suppressed.map((x) => `${x.rule}/${x.reason}`).join(" ");
      console.log(`  #${s.index} ${JSON.stringify(s.text)}\n      missing [${missing}] extra [${extra}] ${why} ${sup ? `(suppressed ${sup})` : ""}`);
    }
  }
}

const rulesOk = recall(all) >= MIN_RECALL && precision(all) >= MIN_PRECISION;
console.log(`\nquality gate (all lines, any crisis): recall ${pct(recall(all)).trim()} >= ${MIN_RECALL * 100}%, precision ${pct(precision(all)).trim()} >= ${MIN_PRECISION * 100}%: ${rulesOk ? "pass" : "FAIL"}`);

// --- the crisis model ---
const CV_MIN = { anyRecall: 0.95, categoryRecall: 0.9, anyPrecision: 0.65 };
const root = resolve(import.meta.dirname, "..");
const model = loadBuiltinModel();
const corpus = readCorpus(resolve(root, "data/train"));
const oof = JSON.parse(readFileSync(resolve(root, "model/cv-oof.json"), "utf8")) as { corpusSha256: string; scores: number[][] };
const confirmOof = JSON.parse(readFileSync(resolve(root, "model/confirm-oof.json"), "utf8")) as { corpusSha256: string; scores: number[] };
const head = loadConfirmHead();
const stale = oof.corpusSha256 !== corpusSha256(corpus) || oof.scores.length !== corpus.length || confirmOof.corpusSha256 !== oof.corpusSha256 || head.meta.corpusSha256 !== oof.corpusSha256;
const cell = (c: Counts) => `${pct(precision(c)).trim()} / ${pct(recall(c)).trim()}`;
function table(title: string, t: ThreeWay): void {
  console.log(`\n${title}\n\n| precision / recall | rules | model (confident) | model (with review) | rules + model | two stages (with review) | rules + two stages |\n|---|---|---|---|---|---|---|`);
  for (const [label, c] of t.rules) console.log(`| ${label} | ${cell(c)} | ${cell(t.modelConfident.get(label)!)} | ${cell(t.model.get(label)!)} | ${cell(t.combined.get(label)!)} | ${cell(t.cascade!.model.get(label)!)} | ${cell(t.cascade!.combined.get(label)!)} |`);
}
const cv = threeWay(corpus, oof.scores, model.thresholds, rules, { probs: confirmOof.scores, thresholds: head.thresholds });
table(`cross-validation, 5 folds, training corpus (${corpus.length} lines, ${corpus.filter((c) => c.labels.length).length} crisis)${stale ? " STALE: the models were trained on another corpus, run npm run train:safety and train:safety:confirm" : ""}`, cv);

const encoder = await loadUseLite();
/** The second stage on lines the first stage flags (the others are never re-read). */
async function secondStage(lines: readonly LabelledLine[], scores: ReturnType<typeof scoreText>[]): Promise<SecondStage> {
  const probs = new Float64Array(lines.length);
  const flagged = lines.map((_, i) => i).filter((i) => decide(model.thresholds, scores[i]!.probs).categories.length > 0);
  for (let at = 0; at < flagged.length; at += 32) {
    const batch = flagged.slice(at, at + 32);
    const vectors = await encoder.embed(batch.map((i) => confirmText(lines[i]!.text, scores[i]!)));
    batch.forEach((i, k) => (probs[i] = confirmProb(head, confirmInput(vectors[k]!, scores[i]!.probs[0]!))));
  }
  return { probs, thresholds: head.thresholds };
}

const frozenDir = resolve(root, "data/eval-frozen");
const sums = readFileSync(resolve(frozenDir, "SHA256SUMS"), "utf8").trim().split("\n").map((l) => l.trim().split(/\s+/));
for (const [sum, file] of sums) {
  const bytes = readFileSync(resolve(frozenDir, file!));
  if (createHash("sha256").update(bytes).digest("hex") !== sum) {
    console.log(`\nfrozen ${file}: checksum differs from SHA256SUMS, not reported (a changed set is a new set)`);
    continue;
  }
  const lines = bytes.toString("utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledLine);
  const scores = lines.map((l) => scoreText(model, l.text));
  table(`frozen ${file} (${lines.length} lines, ${lines.filter((l) => l.labels.length).length} crisis)`, threeWay(lines, scores.map((s) => s.probs), model.thresholds, rules, await secondStage(lines, scores)));
}

const any = cv.cascade!.combined.get("any crisis")!;
const weak = [...cv.cascade!.combined].filter(([label, c]) => label !== "any crisis" && recall(c) < CV_MIN.categoryRecall).map(([label]) => label);
const modelOk = !stale && recall(any) >= CV_MIN.anyRecall && precision(any) >= CV_MIN.anyPrecision && weak.length === 0;
console.log(
  `\nquality gate (cross-validated rules + two stages): ${stale ? "model stale; " : ""}any crisis recall ${pct(recall(any)).trim()} >= ${CV_MIN.anyRecall * 100}%, precision ${pct(precision(any)).trim()} >= ${CV_MIN.anyPrecision * 100}%, every category recall >= ${CV_MIN.categoryRecall * 100}%${weak.length ? ` (below: ${weak})` : ""}: ${modelOk ? "pass" : "FAIL"}`,
);
process.exit(rulesOk && modelOk ? 0 : 1);
