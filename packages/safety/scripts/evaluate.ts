// `npm run eval:safety`: precision and recall of the default rules on test-data/eval.jsonl, for all
// lines, the tuning lines and the held-out lines (every 5th, never looked at while tuning).
// Exits 1 when "any crisis" recall < 0.95 or precision < 0.90 on all lines: a quality gate.
// --errors prints the misclassified tuning lines (held-out lines stay unseen).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compileSafetyRules, CONTENT_CATEGORIES, CRISIS_CATEGORIES, DEFAULT_SAFETY_RULES, scan } from "../src/index.ts";
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

const ok = recall(all) >= MIN_RECALL && precision(all) >= MIN_PRECISION;
console.log(`\nquality gate (all lines, any crisis): recall ${pct(recall(all)).trim()} >= ${MIN_RECALL * 100}%, precision ${pct(precision(all)).trim()} >= ${MIN_PRECISION * 100}%: ${ok ? "pass" : "FAIL"}`);
process.exit(ok ? 0 : 1);
