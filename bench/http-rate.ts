// A constant-rate HTTP load generator with sub-millisecond timing: R GET requests per second in
// all, sent on a schedule (not in bursts) over C keep-alive connections, each request on the first
// idle one (a request that finds none waits and its wait counts in its latency, so a slow server
// cannot hide behind the schedule), for S seconds after a 1 s warm-up at the same rate (not
// counted). Latency = from when this process got to the request (its own stalls are reported as
// generatorMaxLateMs, not counted) to the answer's end. autocannon's
// fixed rate sends in bursts and reports whole milliseconds, which cannot tell 1 ms apart.
// Prints one JSON line. `node --import tsx bench/http-rate.ts <url> <connections> <rate> <seconds>`
import http from "node:http";
import { performance } from "node:perf_hooks";
import { Samples } from "./lib/ws-latency.ts";

const url = new URL(process.argv[2] ?? "");
const [connections, rate, seconds] = process.argv.slice(3, 6).map(Number) as [number, number, number];
if (url.hostname !== "127.0.0.1" || url.protocol !== "http:") throw new Error("only http://127.0.0.1");
setTimeout(() => process.exit(2), (seconds + 60) * 1000).unref();
const WARMUP_MS = 1_000;

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const samples = new Samples();
let inFlight = 0;
let errors = 0;
let non2xx = 0;
let sent = 0;
let maxLateMs = 0;
const queue: number[] = []; // scheduled send times of requests waiting for a free connection

function send(scheduledAt: number, measured: boolean): void {
  inFlight++;
  sent++;
  const req = http.get(url, { agent }, (res) => {
    if ((res.statusCode ?? 0) >= 300) non2xx++;
    res.resume();
    res.once("end", () => {
      if (measured) samples.add(performance.now() - scheduledAt);
      done();
    });
  });
  req.once("error", () => (errors++, done()));
}

function done(): void {
  inFlight--;
  const next = queue.shift();
  if (next !== undefined) send(next, next >= measuredFrom);
}

let measuredFrom = Infinity;
const start = performance.now();
const total = Math.round((rate * (WARMUP_MS + seconds * 1000)) / 1000);
measuredFrom = start + WARMUP_MS;
let n = 0;
await new Promise<void>((resolve) => {
  const tick = () => {
    const now = performance.now();
    // Every request whose time has come goes now (timers are coarse): due = start + n / rate.
    while (n < total && start + (n * 1000) / rate <= now) {
      const due = start + (n * 1000) / rate;
      maxLateMs = Math.max(maxLateMs, now - due);
      // Timed from when this process got to it: its own stalls (GC, the scheduler) are not the
      // server's; a request that finds every connection busy still counts its wait.
      if (inFlight < connections) send(now, due >= measuredFrom);
      else queue.push(now);
      n++;
    }
    if (n < total) setImmediate(tick);
    else resolve();
  };
  tick();
});
while (inFlight > 0 || queue.length > 0) await new Promise((r) => setTimeout(r, 5));
agent.destroy();
console.log(JSON.stringify({ sent, errors, non2xx, generatorMaxLateMs: +maxLateMs.toFixed(3), ...samples.summary() }));
