// `node --import tsx bench/crisis-model.ts` (pin it with `taskset -c 0` for one core): p50/p99 of
// scanning one 4 KiB chat message, rules alone (before) and rules + the built-in crisis model
// combined (after, as the gateway scans each string), for a calm message and for one with a crisis
// tucked in the middle; also the model alone (normalising left out: normalizeText keeps its last
// answer and the text repeats, as the model reuses the rule scan's in the gateway) and loading
// it. CPU time of the process per call (process.cpuUsage, µs: other work on a shared machine does
// not count, a GC pause does), 20,000 calls after 2,000 warm-up calls, one process, one thread.
import { classifyStrings, combineCrisis, compileSafetyRules, createBuiltinClassifier, DEFAULT_SAFETY_RULES, scan } from "@tta/safety";

const rules = compileSafetyRules(DEFAULT_SAFETY_RULES);
const loadStarted = performance.now();
const classifier = createBuiltinClassifier();
const loadMs = performance.now() - loadStarted;

const lines = [
  "I went down to the lake with Wren and we talked about the lighthouse keeper.",
  "Can my character pick the lock on the chest, or do I need the rogue?",
  "The innkeeper gave us bread and told us the north road is flooded after the storm.",
  "talk to the innkeeper about the missing map, then check the stables for the grey horse.",
  "I think the riddle on the door means we need the blue lantern, not the red one.",
];
const toSize = (parts: string[], size: number) => {
  let s = "";
  for (let i = 0; s.length < size; i++) s += `${parts[i % parts.length]} `;
  return s.slice(0, size);
};
const calm = toSize(lines, 4096);
const half = toSize(lines, 2000);
const tucked = `${half} honestly i counted the pills in the cabinet and i wrote my sister a letter, tonight is the night. ${half}`.slice(0, 4096);

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
for (const [name, text] of [["calm 4 KiB chat message", calm], ["4 KiB message, crisis in the middle", tucked]] as const) {
  rows.push([`rules alone (before), ${name}`, await percentiles(() => scan(text, rules))]);
  rows.push([`model alone, ${name}`, await percentiles(() => classifier.classify(text))]);
  rows.push([`rules + model (after), ${name}`, await percentiles(() => combined(text))]);
}
const check = await combined(tucked);
console.log(`crisis model benchmark (node ${process.version}; model loaded once in ${loadMs.toFixed(0)} ms; tucked crisis detected: ${check.crisis.categories.join(",") || "no"})`);
console.log("| 4 KiB message | p50 | p99 |\n|---|---:|---:|");
for (const [name, p] of rows) console.log(`| ${name} | ${p.p50.toFixed(0)} µs | ${p.p99.toFixed(0)} µs |`);
