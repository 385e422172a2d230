// `node --import tsx bench/observe-cost.ts`: the per-request CPU cost of what issue 3 put on the
// request path — the observe stage and its two recorders (Prometheus series, traffic roll-up
// window) — measured in-process, against an empty recorder and against prom-client used the
// naive way (label objects on every call). Prints ns per request; nothing listens, nothing leaks.
import { Counter, Histogram, Registry } from "prom-client";
import { pino } from "pino";
import type { CompiledRoute } from "../apps/gateway/src/config/compiled.ts";
import { TrafficWindow } from "../apps/gateway/src/live/rollup/traffic-window.ts";
import { createGatewayMetrics } from "../apps/gateway/src/metrics/gateway-metrics.ts";
import { LATENCY_BUCKETS } from "../apps/gateway/src/metrics/request-meters.ts";
import type { Context } from "../apps/gateway/src/pipeline/context.ts";
import { observe, type RequestRecorder } from "../apps/gateway/src/stages/observe/observe.ts";

const N = Number(process.env.BENCH_CALLS ?? 2_000_000);
const routes = Array.from({ length: 8 }, (_, i) => ({ name: `route-${i}`, service: { name: `svc-${i % 3}` } }) as unknown as CompiledRoute);
const statuses = [200, 200, 200, 201, 304, 404, 502, 200];

function time(label: string, fn: (i: number) => void): number {
  for (let i = 0; i < 200_000; i++) fn(i); // warm-up (JIT)
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) fn(i);
  const ns = Number(process.hrtime.bigint() - started) / N;
  console.log(`${label.padEnd(58)} ${ns.toFixed(0).padStart(6)} ns/request`);
  return ns;
}

const metrics = createGatewayMetrics(
  { upstreamState: () => null, inFlight: () => 0, openConnections: async () => 0, revision: () => 1 },
  { processMetrics: false },
);
const traffic = new TrafficWindow();
const rollupTimer = setInterval(() => traffic.flush(), 2_000); // as in the gateway: windows close

const naive = new Registry();
const naiveRequests = new Counter({ name: "r", help: "r", labelNames: ["route", "service", "status_class"], registers: [naive] });
const naiveDuration = new Histogram({ name: "d", help: "d", labelNames: ["route", "service"], buckets: LATENCY_BUCKETS, registers: [naive] });

const empty: RequestRecorder = { record() {} };
const ms = (i: number) => 0.5 + (i % 97) * 0.37;
const args = (i: number) => [routes[i & 7]!, statuses[i & 7]!, statuses[i & 7]! >= 500, ms(i)] as const;

console.log(`${N.toLocaleString("en")} calls per case, node ${process.version}`);
const base = time("empty recorder (loop and call overhead)", (i) => empty.record(...args(i)));
const prom = time("metrics recorder (bound children: counter + histogram)", (i) => metrics.requests.record(...args(i)));
time("prom-client naive (label objects each call)", (i) => {
  const [route, status] = args(i);
  naiveRequests.inc({ route: route.name, service: route.service.name, status_class: `${Math.floor(status / 100)}xx` });
  naiveDuration.observe({ route: route.name, service: route.service.name }, ms(i) / 1000);
});
const bound = routes.map((r) => ({
  byStatus: new Map(statuses.map((st) => [st, naiveRequests.labels(r.name, r.service.name, `${Math.floor(st / 100)}xx`)])),
  duration: naiveDuration.labels(r.name, r.service.name),
}));
time("prom-client labels() children bound once", (i) => {
  const b = bound[i & 7]!;
  b.byStatus.get(statuses[i & 7]!)!.inc();
  b.duration.observe(ms(i) / 1000);
});
const roll = time("traffic roll-up window", (i) => traffic.record(...args(i)));

// The stage itself around a chain that answers at once (the common case: no close listener).
const log = pino({ level: "silent" });
const res = { writableEnded: true, destroyed: false, headersSent: true, statusCode: 200, once() {} };
const ctx = { res, match: { route: routes[0], upstreamPath: "/" }, log, requestId: "req_bench" } as unknown as Context;
const stage = observe({ recorders: [metrics.requests, traffic] });
const next = () => Promise.resolve();
let done = 0;
const stageStarted = process.hrtime.bigint();
const stageCalls = Math.min(N, 500_000);
for (let i = 0; i < stageCalls; i++) await stage(ctx, next).then(() => done++);
const stageNs = Number(process.hrtime.bigint() - stageStarted) / stageCalls;
console.log(`${"observe stage + both recorders (incl. one await)".padEnd(58)} ${stageNs.toFixed(0).padStart(6)} ns/request`);
console.log(`\nadded per request by the recorders: ≈ ${(prom + roll - 2 * base).toFixed(0)} ns (${done.toLocaleString("en")} stage runs)`);
clearInterval(rollupTimer);
