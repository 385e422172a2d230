// `node --import tsx bench/safety-scan.ts`: what the safety scan and PII masking cost per request,
// in-process (no network): a typical 200-character player message (calm, and one in crisis), a
// 4 KiB JSON chat body, masking a message, and the streaming masker's throughput. Figures are CPU
// time of this process (process.cpuUsage), not wall time, so that other work on a shared machine
// does not count; best of 5 rounds, each bounded to ~0.3 s. Prints one table.
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { compileSafetyRules, createPiiMaskStream, DEFAULT_SAFETY_RULES, maskPii, scan } from "@tta/safety";

const compileStarted = performance.now();
const rules = compileSafetyRules(DEFAULT_SAFETY_RULES);
const compileMs = performance.now() - compileStarted;

const calm = "I went down to the lake with Wren and we talked about the lighthouse keeper. I'm tired but okay, the quest was long and the innkeeper gave us bread. Tomorrow we try the north road.";
const crisis = "honestly i just want to die, i've felt like this for weeks and nobody would notice if i was gone. i'm going to end it all tonight, i have the pills ready.";
const turns = [calm, "Can my character pick the lock on the chest, or do I need the rogue?", "I feel a bit lonely since I moved here but the game helps.", "talk to the innkeeper about the missing map", "my email is kim@example.org if you need it"];
const body = {
  sessionId: "ses_01hzy3k8q2w5e7r9t0y2u4i6o8",
  playerId: "ply_01hzy3k8q2w5e7r9t0y2u4i6o9",
  scene: { id: "lighthouse-3", mood: "calm", flags: { metWren: true, hasLantern: false }, inventory: ["rope", "bread", "old map"] },
  messages: Array.from({ length: 27 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", at: `2026-11-27T10:${String(i).padStart(2, "0")}:00Z`, content: turns[i % turns.length] })),
};
const bodyText = JSON.stringify(body);

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

function micros(run: () => unknown): number {
  for (let i = 0; i < 200; i++) run();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    let n = 0;
    const started = performance.now();
    const cpu = cpuMicros();
    while (performance.now() - started < 300) {
      for (let i = 0; i < 50; i++) run();
      n += 50;
    }
    best = Math.min(best, (cpuMicros() - cpu) / n);
  }
  return best;
}

async function streamMiBps(mib: number): Promise<number> {
  const chunk = Buffer.from(JSON.stringify({ log: `${calm} kim@example.org `.repeat(300) }));
  const count = Math.ceil((mib * 1024 * 1024) / chunk.length);
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const cpu = cpuMicros();
    await pipeline(Readable.from((function* () { for (let i = 0; i < count; i++) yield chunk; })()), createPiiMaskStream("text"), new Writable({ write: (_c, _e, done) => done() }));
    best = Math.max(best, (count * chunk.length) / 1024 / 1024 / ((cpuMicros() - cpu) / 1e6));
  }
  return best;
}

const rows: [string, string][] = [
  ["compile default rules (once)", `${compileMs.toFixed(0)} ms`],
  [`scan, calm message (${calm.length} chars)`, `${micros(() => scan(calm, rules)).toFixed(1)} µs`],
  [`scan, crisis message (${crisis.length} chars)`, `${micros(() => scan(crisis, rules)).toFixed(1)} µs`],
  [`scan, JSON chat body (${(bodyText.length / 1024).toFixed(1)} KiB, parsed)`, `${micros(() => scan(body, rules)).toFixed(1)} µs`],
  [`scan, JSON chat body (${(bodyText.length / 1024).toFixed(1)} KiB, incl. JSON.parse)`, `${micros(() => scan(JSON.parse(bodyText), rules)).toFixed(1)} µs`],
  [`maskPii, message (${turns[4]!.length} chars)`, `${micros(() => maskPii(turns[4]!)).toFixed(1)} µs`],
  ["streaming masker, text body (32 MiB)", `${(await streamMiBps(32)).toFixed(0)} MiB/s of CPU`],
];
console.log(`safety scan benchmark (node ${process.version}, CPU time per operation, best of 5 rounds)`);
for (const [name, value] of rows) console.log(`  ${name.padEnd(52)} ${value.padStart(10)}`);
