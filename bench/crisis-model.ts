// `node --import tsx bench/crisis-model.ts` (pin it with `taskset -c 0` for one core): p50/p99 of
// scanning one 4 KiB chat message, rules alone (before) and rules + the built-in crisis model
// combined (after, as the gateway scans each string), for a calm message and for one with a crisis
// tucked in the middle; also the model alone (normalising left out: normalizeText keeps its last
// answer and the text repeats, as the model reuses the rule scan's in the gateway) and loading
// it. CPU time of the process per call (process.cpuUsage, µs: other work on a shared machine does
// not count, a GC pause does), 20,000 calls after 2,000 warm-up calls, one process, one thread.
import { classifyStrings, combineCrisis, compileSafetyRules, createBuiltinClassifier, DEFAULT_SAFETY_RULES, scan } from "@tta/safety";
import { CALM_4K, TUCKED_4K } from "./lib/chat-texts.ts";

const rules = compileSafetyRules(DEFAULT_SAFETY_RULES);
const loadStarted = performance.now();
const classifier = createBuiltinClassifier();
const loadMs = performance.now() - loadStarted;

async function percentiles(run: () => unknown | Promise<unknown>, n = 20_000): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 2_000; i++) await run();
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const started = process.cpuUsage();
    await run();
    const used = process.cpuUsage(started);
    times[i] = used.user + used.system;
  }
  times.sort();
  return { p50: times[Math.floor(n * 0.5)]!, p99: times[Math.floor(n * 0.99)]! };
}

const combined = async (text: string) => combineCrisis(scan(text, rules), await classifyStrings([{ path: "$", text }], classifier), rules.minEscalation);
const rows: [string, { p50: number; p99: number }][] = [];
for (const [name, text] of [["calm 4 KiB chat message", CALM_4K], ["4 KiB message, crisis in the middle", TUCKED_4K]] as const) {
  rows.push([`rules alone (before), ${name}`, await percentiles(() => scan(text, rules))]);
  rows.push([`model alone, ${name}`, await percentiles(() => classifier.classify(text))]);
  rows.push([`rules + model (after), ${name}`, await percentiles(() => combined(text))]);
}
const check = await combined(TUCKED_4K);
console.log(`crisis model benchmark (node ${process.version}; model loaded once in ${loadMs.toFixed(0)} ms; tucked crisis detected: ${check.crisis.categories.join(",") || "no"})`);
console.log("| 4 KiB message | p50 | p99 |\n|---|---:|---:|");
for (const [name, p] of rows) console.log(`| ${name} | ${p.p50.toFixed(0)} µs | ${p.p99.toFixed(0)} µs |`);
