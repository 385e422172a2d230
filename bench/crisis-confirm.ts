// `node --import tsx bench/crisis-confirm.ts`: what the crisis classifier's second stage costs.
// A calm message never reaches it (the first stage's figures: bench/crisis-model.ts); a flagged
// one waits for the sentence encoder on its thread. Measured here, one process: (1) wall time of
// one flagged message through the encoder thread (short chat line; 4 KiB with the crisis in the
// middle, read as its best window), one at a time, 200 calls after 20 warm-up; (2) CPU time of the
// calling thread per flagged message (process.threadCpuUsage: what the gateway's event loop pays;
// the encoder works on its own thread); (3) flagged messages per second with 32 in flight (the
// thread batches them): beyond that rate calls wait, and past their budget the first stage's
// decision stands, for review. Bounded: a few hundred calls, a few seconds.
import { createConfirmedClassifier, startEncoderThread } from "@tta/safety/confirm";
import { TUCKED_4K } from "./lib/chat-texts.ts";

const short = "i cant keep doing this, i counted the pills tonight";

const loadStarted = performance.now();
const encoder = startEncoderThread({ timeoutMs: 10_000 });
await encoder.ready;
const loadMs = performance.now() - loadStarted;
const classifier = createConfirmedClassifier(encoder);

async function wall(text: string, n = 200): Promise<{ p50: number; p99: number; cpu: number }> {
  for (let i = 0; i < 20; i++) await classifier.classify(text);
  const times = new Float64Array(n);
  const cpu = process.threadCpuUsage();
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await classifier.classify(text);
    times[i] = performance.now() - started;
  }
  const used = process.threadCpuUsage(cpu);
  times.sort();
  return { p50: times[Math.floor(n * 0.5)]!, p99: times[Math.floor(n * 0.99)]!, cpu: (used.user + used.system) / n };
}

async function throughput(text: string, seconds = 3, inFlight = 32): Promise<number> {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (performance.now() < until) {
      await classifier.classify(text);
      done++;
    }
  }));
  return done / seconds;
}

const rows: string[] = [];
for (const [name, text] of [["short flagged message", short], ["4 KiB, crisis in the middle", TUCKED_4K]] as const) {
  const w = await wall(text);
  rows.push(`| ${name} | ${w.p50.toFixed(1)} ms | ${w.p99.toFixed(1)} ms | ${w.cpu.toFixed(0)} µs | ${(await throughput(text)).toFixed(0)} /s |`);
}
console.log(`second stage (sentence encoder on its thread) benchmark, node ${process.version}; encoder loaded in ${loadMs.toFixed(0)} ms; stats ${JSON.stringify(classifier.stats)}`);
console.log("| flagged message | wall p50 | wall p99 | event-loop thread CPU / message | flagged messages/s, 32 in flight |\n|---|---:|---:|---:|---:|");
for (const r of rows) console.log(r);
await encoder.close();
