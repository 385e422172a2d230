// The fixed-rate WebSocket load generator: C connections, R text messages per second in all,
// round-robin, for S seconds after a 1 s warm-up at the same rate (not counted). Each message is a
// calm chat line with a short tag; latency = from its send to its echo coming back (the upstream's
// raw frame, or the gateway's `message` envelope), timed in this process. Prints one JSON line,
// with the gateway's other envelopes counted (and the messages that got crisis resources).
// `node --import tsx bench/ws-rate.ts <ws url> <connections> <rate> <seconds>`
import { performance } from "node:perf_hooks";
import { WebSocket } from "ws";
import { CALM_LINES } from "./lib/chat-texts.ts";
import { payloadOf, Samples } from "./lib/ws-latency.ts";

const url = new URL(process.argv[2] ?? "");
const [connections, rate, seconds] = process.argv.slice(3, 6).map(Number) as [number, number, number];
if (url.hostname !== "127.0.0.1" || url.protocol !== "ws:") throw new Error("only ws://127.0.0.1");
setTimeout(() => process.exit(2), (seconds + 60) * 1000).unref();
const WARMUP_MS = 1_000;

const sentAt = new Float64Array(Math.ceil(rate * (seconds + 2)) + 16);
const samples = new Samples();
const codes: Record<string, number> = {};
let received = 0;
/** Envelopes other than `message` (crisis-resources, refused…) by type, and which lines got a crisis-resources frame. */
const otherFrames: Record<string, number> = {};
const crisisLines: Record<string, number> = {};
let measuredFrom = Infinity; // first tag of the measured part

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ["tta.v1"], { perMessageDeflate: false });
    let crisisPending = false; // a crisis-resources frame comes right before the echo of its message
    ws.on("message", (data) => {
      const text = data.toString();
      const payload = payloadOf(text);
      if (!payload) {
        const type = String((JSON.parse(text) as { type?: unknown }).type);
        if (type !== "session") otherFrames[type] = (otherFrames[type] ?? 0) + 1;
        if (type === "crisis-resources") crisisPending = true;
        return;
      }
      const hash = payload.data.lastIndexOf(" #");
      if (hash < 0) return;
      if (crisisPending) {
        crisisPending = false;
        crisisLines[payload.data] = (crisisLines[payload.data] ?? 0) + 1;
      }
      const tag = parseInt(payload.data.slice(hash + 2), 36);
      if (tag >= measuredFrom && sentAt[tag]) {
        samples.add(performance.now() - sentAt[tag]!);
        received++;
      }
    });
    ws.once("close", (code) => (codes[code] = (codes[code] ?? 0) + 1));
    ws.on("error", () => {});
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("open", () => resolve(ws));
  });
}

const sockets = await Promise.all(Array.from({ length: connections }, open));
await new Promise((r) => setTimeout(r, 200)); // the gateway's session frames first

let next = 1;
let lateMs = 0;
/** Sends at `rate` for `ms`; tags from `next` on. */
function sendFor(ms: number): Promise<number> {
  return new Promise((resolve) => {
    const start = performance.now();
    const first = next;
    const timer = setInterval(() => {
      const now = performance.now();
      const due = Math.min(Math.floor(((now - start) * rate) / 1000), Math.floor((ms * rate) / 1000)) - (next - first);
      if (due > 1) lateMs = Math.max(lateMs, ((due - 1) * 1000) / rate);
      for (let i = 0; i < due; i++, next++) {
        const ws = sockets[next % connections]!;
        if (ws.readyState !== ws.OPEN) continue;
        sentAt[next] = performance.now();
        ws.send(`${CALM_LINES[next % CALM_LINES.length]} #${next.toString(36)}`);
      }
      if (now - start >= ms) {
        clearInterval(timer);
        resolve(next - first);
      }
    }, 1);
  });
}

await sendFor(WARMUP_MS);
measuredFrom = next;
const sent = await sendFor(seconds * 1000);
const deadline = performance.now() + 3_000;
while (received < sent && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const open_ = sockets.filter((ws) => ws.readyState === ws.OPEN).length;
console.log(JSON.stringify({ sent, received, lost: sent - received, openAtEnd: open_, closes: codes, otherFrames, crisisResourcesBefore: Object.fromEntries(Object.entries(crisisLines).slice(0, 10)), generatorMaxLateMs: +lateMs.toFixed(1), ...samples.summary() }));
for (const ws of sockets) ws.close(1000);
setTimeout(() => process.exit(0), 500);
