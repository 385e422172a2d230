// `node --import tsx bench/scan-decode-cost.ts`: what decoding and whole-body scanning (issue 10
// item 4) add to a request of a scanning route, in-process: "before" is the old path (UTF-8
// decode, JSON.parse when the content type says JSON, one scan with the scanner's own bounds),
// "after" the new one (body/decode.ts, then safety/scan-items.ts: flatten and scan in pieces).
// Plain JSON chat messages (180 chars; 3.9 KiB with 81 strings) and, after only, the shapes that
// used to pass unscanned. Before and after alternate call by call (the machine is shared, so both
// see the same noise); the median per call of the best of BENCH_RUNS runs.
import { brotliCompressSync, gzipSync } from "node:zlib";
import { compileSafetyRules, DEFAULT_SAFETY_RULES, scan } from "@tta/safety";
import { decodeBody } from "../apps/gateway/src/body/decode.ts";
import { flatten, scanItems } from "../apps/gateway/src/safety/scan-items.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CALLS = 2_000;
const rules = compileSafetyRules(DEFAULT_SAFETY_RULES);

const calm = "I went down to the lake with Wren and we talked about the lighthouse keeper. I'm tired but okay, the quest was long and the innkeeper gave us bread. Tomorrow we try the north road.";
const turns = [calm, "Can my character pick the lock on the chest, or do I need the rogue?", "I feel a bit lonely since I moved here but the game helps.", "talk to the innkeeper about the missing map", "the goblin took my last potion"];
const small = Buffer.from(JSON.stringify({ sessionId: "ses_01hzy3k8q2w5e7r9t0y2u4i6o8", message: calm }));
const chat = Buffer.from(
  JSON.stringify({
    sessionId: "ses_01hzy3k8q2w5e7r9t0y2u4i6o8",
    scene: { id: "lighthouse-3", mood: "calm", inventory: ["rope", "bread", "old map"] },
    messages: Array.from({ length: 27 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", at: `2026-11-27T10:${String(i).padStart(2, "0")}:00Z`, content: turns[i % turns.length] })),
  }),
);
const json = { "content-type": "application/json" };
const utf8 = new TextDecoder("utf-8");

async function before(body: Buffer) {
  const text = utf8.decode(body);
  let input: unknown = text;
  try {
    input = JSON.parse(text);
  } catch {}
  return scan(input, rules);
}

async function after(body: Buffer, headers: Record<string, string>) {
  const decoded = await decodeBody(body, headers, 1_048_576);
  if (decoded.kind !== "ok") throw new Error(decoded.kind);
  return (await scanItems(flatten(decoded.value), rules)).result;
}

/** Median µs per call of each function, best of RUNS runs, the functions called in turn. */
async function measure(...fns: Array<() => Promise<unknown>>): Promise<number[]> {
  const best = fns.map(() => Infinity);
  for (let r = 0; r < RUNS; r++) {
    const times = fns.map((): number[] => []);
    for (let i = 0; i < CALLS; i++) {
      for (let f = 0; f < fns.length; f++) {
        const t = performance.now();
        await fns[f]!();
        times[f]!.push(performance.now() - t);
      }
    }
    times.forEach((ts, f) => (best[f] = Math.min(best[f]!, ts.sort((a, b) => a - b)[CALLS >> 1]!)));
  }
  return best.map((ms) => ms * 1000);
}

const rows: Array<[string, number, number | null]> = [];
for (const [name, body] of [["calm 180-char message (JSON)", small], ["3.9 KiB JSON chat body", chat]] as const) {
  const [b, a] = await measure(() => before(body), () => after(body, json));
  rows.push([`${name}, ${body.length} B`, b!, a!]);
}
const padded = Buffer.from(JSON.stringify({ log: "the lantern flickers in the hall. ".repeat(2_200), text: calm }));
for (const [name, body, headers] of [
  ["same 3.9 KiB, gzip", gzipSync(chat), { ...json, "content-encoding": "gzip" }],
  ["same 3.9 KiB, br", brotliCompressSync(chat), { ...json, "content-encoding": "br" }],
  ["same 3.9 KiB, UTF-16LE", Buffer.from(chat.toString(), "utf16le"), { "content-type": "application/json; charset=utf-16le" }],
  ["urlencoded message", Buffer.from(`sessionId=s1&message=${encodeURIComponent(calm)}`), { "content-type": "application/x-www-form-urlencoded" }],
  [`75 kB of padding + message (${padded.length} B)`, padded, json],
] as const) {
  rows.push([name, NaN, (await measure(() => after(body, headers)))[0]!]);
}
console.log("| body | before (µs) | after (µs) | added |\n|---|---:|---:|---:|");
for (const [name, b, a] of rows) console.log(`| ${name} | ${Number.isNaN(b) ? "—" : b.toFixed(1)} | ${a!.toFixed(1)} | ${Number.isNaN(b) ? "—" : `${(a! - b).toFixed(1)} (${(((a! - b) / b) * 100).toFixed(0)} %)`} |`);
