// `npm run bench:cache`: answers from the gateway's HTTP cache against proxied answers and a direct
// connection, in one run: at a fixed rate (p99 over direct, bench/http-rate.ts) and at N
// connections (gateway CPU per request, hits vs proxied), with the in-process store and with Redis (two gateways, one of each),
// then 100 concurrent requests for a cold key through each (how many reach the upstream). The
// upstream answers in 0 ms; loads come from a separate process on the client core, servers on the
// other; loopback only; every run and the whole bounded in time. Results: bench/results/cache-*.json.
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { createTestDatabase } from "@tta/db/testing";
import { newId } from "@tta/domain";
import { dropRedisPrefix } from "./lib/edge-fixture.ts";
import { pickGenerator, wrkVersion, type LoadSpec } from "./lib/load.ts";
import { cpuUs } from "./lib/cpu.ts";
import { measureOnce, summarise, type Point, type Run } from "./lib/measure.ts";
import { detectPinning, pinSelf, startNodeScript, type Proc } from "./lib/processes.ts";
import { writeResult } from "./lib/results.ts";
import { publishSnapshot, waitForStatus } from "./lib/revisions.ts";
import { isSmoke, readSettings } from "./lib/settings.ts";
import { median, ratio, round } from "./lib/stats.ts";
import { runJsonScript } from "./lib/ws-probe.ts";

const settings = readSettings();
const pinning = detectPinning();
pinSelf(pinning.clientCore);
const wrk = wrkVersion();
const startedAt = new Date().toISOString();
const loadAtStart = loadavg();
const budgetMs = (settings.seconds + 6) * settings.repeats * 12 * 1000 + 240_000;
setTimeout(() => (console.error(`bench:cache: over its ${Math.round(budgetMs / 1000)} s budget, stopping`), process.exit(1)), budgetMs).unref();
console.log(`bench:cache: ${settings.seconds} s x ${settings.repeats} per point; ${pinning.note}`);

const undo: Array<() => Promise<void>> = [];
const cleanup = async () => {
  for (const fn of undo.reverse()) await fn().catch((error: unknown) => console.error("cleanup:", error));
  undo.length = 0;
};
process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

const port = (i: number) => settings.portBase + 20 + i;
const launch = { core: pinning.serverCore };
const redisPrefix = `bench:cache:${randomBytes(4).toString("hex")}:`;

async function start() {
  const upstream = (await startNodeScript("upstream", "bench/upstream.ts", [String(port(0))], { launch, ready: /^listening \d+/ })).proc;
  undo.push(() => upstream.stop());
  const upstreamUrl = `http://127.0.0.1:${port(0)}`;
  const db = await createTestDatabase("benchcache");
  undo.push(() => db.drop());
  await publishSnapshot(
    db,
    {
      schemaVersion: 1,
      services: [{ name: "bench", healthCheck: { enabled: false }, instances: [{ url: upstreamUrl }] }],
      routes: [
        { id: newId("route"), name: "plain", path: "/plain/*", rewrite: "/*", service: "bench", retryPolicy: { attempts: 1 } },
        // The upstream says nothing about caching: the route's default TTL makes its 200s fresh for an hour.
        { id: newId("route"), name: "cached", path: "/cached/*", rewrite: "/*", service: "bench", retryPolicy: { attempts: 1 }, cachePolicy: { enabled: true, ttlSeconds: 3_600 } },
      ],
    },
    "benchmark: a proxied and a cached route",
  );
  undo.push(() => dropRedisPrefix(settings.redisUrl, redisPrefix));
  const gateway = async (name: string, i: number, env: Record<string, string>) => {
    const { proc } = await startNodeScript(name, "apps/gateway/src/main.ts", [], {
      env: { DATABASE_URL: db.url, GATEWAY_PORT: String(port(i)), GATEWAY_ADMIN_PORT: String(port(i + 1)), GATEWAY_INSTANCE_ID: name.replace(/\W+/g, "-"), LOG_LEVEL: "warn", ...env },
      launch,
      ready: /proxy http:\/\/127\.0\.0\.1:\d+/,
    });
    undo.push(() => proc.stop());
    const base = `http://127.0.0.1:${port(i)}`;
    await waitForStatus(`${base}/plain/hello`, 200, 20_000);
    return { proc, base };
  };
  const local = await gateway("gateway (in-process cache)", 2, {});
  const shared = await gateway("gateway (Redis cache)", 4, { REDIS_URL: settings.redisUrl, REDIS_KEY_PREFIX: redisPrefix });
  return { upstream, upstreamUrl, local, shared };
}

interface Target {
  key: string;
  label: string;
  url: string;
}

interface RateRun {
  sent: number;
  errors: number;
  non2xx: number;
  generatorMaxLateMs: number;
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  cpuUsPerRequest: Record<string, number | null>;
}

/** One fixed-rate run (bench/http-rate.ts on the client core), CPU per request of each watched process. */
async function rateRun(url: string, watched: Proc[]): Promise<RateRun> {
  const before = watched.map((p) => cpuUs(p.pid));
  const run = await runJsonScript<Omit<RateRun, "cpuUsPerRequest">>("http rate", "bench/http-rate.ts", [url, String(settings.connections), String(settings.rate), String(settings.seconds)], { core: pinning.clientCore }, (settings.seconds + 60) * 1000);
  const after = watched.map((p) => cpuUs(p.pid));
  const cpuUsPerRequest: Record<string, number | null> = {};
  watched.forEach((p, i) => (cpuUsPerRequest[p.name] = run.sent > 0 ? round((after[i]! - before[i]!) / run.sent, 1) : null));
  return { ...run, cpuUsPerRequest };
}

async function measure(targets: Target[], watched: Proc[]) {
  for (const t of targets) {
    const warm: LoadSpec = { url: t.url, connections: 10, seconds: 2 };
    await measureOnce(warm, pickGenerator(warm, settings.loadGenerator, wrk !== null), watched, { core: pinning.clientCore }); // warm-up, and the first fetch of each cached key
  }
  // At a fixed rate, with sub-millisecond timing (runs interleaved, medians of the repeats).
  const rate: Record<string, { label: string; url: string; median: { p50Ms: number | null; p99Ms: number | null; maxMs: number | null; errors: number; non2xx: number; cpuUsPerRequest: Record<string, number | null> }; runs: RateRun[] }> = {};
  const rateRuns = new Map<string, RateRun[]>(targets.map((t) => [t.key, []]));
  for (let r = 0; r < settings.repeats; r++) {
    for (const t of targets) {
      const run = await rateRun(t.url, watched);
      rateRuns.get(t.key)!.push(run);
      console.log(`fixed ${settings.rate} req/s, ${t.label}, run ${r + 1}/${settings.repeats}: p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${JSON.stringify(run.cpuUsPerRequest)}`);
    }
  }
  for (const t of targets) {
    const runs = rateRuns.get(t.key)!;
    const m = (pick: (x: RateRun) => number | null) => round(median(runs.map((x) => pick(x) ?? NaN)), 3);
    const names = Object.keys(runs[0]?.cpuUsPerRequest ?? {});
    const cpu: Record<string, number | null> = {};
    for (const n of names) cpu[n] = round(median(runs.map((x) => x.cpuUsPerRequest[n] ?? NaN)), 1);
    rate[t.key] = { label: t.label, url: t.url, median: { p50Ms: m((x) => x.p50Ms), p99Ms: m((x) => x.p99Ms), maxMs: m((x) => x.maxMs), errors: runs.reduce((a, x) => a + x.errors, 0), non2xx: runs.reduce((a, x) => a + x.non2xx, 0), cpuUsPerRequest: cpu }, runs };
  }
  // At N connections, as fast as the gateway answers (wrk): CPU per request.
  const points: Record<string, Point> = {};
  const connRuns = new Map<string, Run[]>(targets.map((t) => [t.key, []]));
  for (let r = 0; r < settings.repeats; r++) {
    for (const t of targets) {
      const spec: LoadSpec = { url: t.url, connections: settings.connections, seconds: settings.seconds };
      const run = await measureOnce(spec, pickGenerator(spec, settings.loadGenerator, wrk !== null), watched, { core: pinning.clientCore });
      connRuns.get(t.key)!.push(run);
      console.log(`${settings.connections} connections, ${t.label}, run ${r + 1}/${settings.repeats}: ${run.rps} req/s, p99 ${run.p99Ms} ms, ${JSON.stringify(run.cpuUsPerRequest)}`);
    }
  }
  for (const t of targets) {
    const spec: LoadSpec = { url: t.url, connections: settings.connections, seconds: settings.seconds };
    points[t.key] = summarise(`${t.key}@conn`, `${t.label}, ${settings.connections} connections`, spec, pickGenerator(spec, settings.loadGenerator, wrk !== null), connRuns.get(t.key)!);
  }
  return { rate, points };
}

/** 100 requests at once for a key nobody asked for yet, the upstream answering after 100 ms. */
async function coldKey(base: string, upstreamUrl: string, clients = 100) {
  const count = async () => Number(await (await fetch(`${upstreamUrl}/__count`)).text());
  const before = await count();
  const url = `${base}/cached/cold-${randomBytes(6).toString("hex")}?delay=100`;
  const answers = await Promise.all(Array.from({ length: clients }, () => fetch(url).then((r) => r.status, () => 0)));
  return { clients, answered200: answers.filter((s) => s === 200).length, upstreamRequests: (await count()) - before };
}

try {
  const s = await start();
  const gw = { local: s.local.proc.name, shared: s.shared.proc.name };
  const targets: Target[] = [
    { key: "direct", label: "direct to the upstream", url: `${s.upstreamUrl}/hello` },
    { key: "localProxied", label: "in-process gateway, proxied", url: `${s.local.base}/plain/hello` },
    { key: "localHit", label: "in-process gateway, cache hit", url: `${s.local.base}/cached/hello` },
    { key: "sharedProxied", label: "Redis gateway, proxied", url: `${s.shared.base}/plain/hello` },
    { key: "sharedHit", label: "Redis gateway, cache hit", url: `${s.shared.base}/cached/hello` },
  ];
  const { rate, points } = await measure(targets, [s.upstream, s.local.proc, s.shared.proc]);
  const cpu = (key: string, process: string) => points[key]?.median.cpuUsPerRequest[process] ?? null;
  const added = (key: string) => {
    const [p, d] = [rate[key]?.median.p99Ms, rate.direct?.median.p99Ms];
    return p != null && d != null ? round(p - d, 3) : null;
  };
  const figures = {
    local: { hitP99OverDirectMs: added("localHit"), proxiedP99OverDirectMs: added("localProxied"), cpuUsPerHit: cpu("localHit", gw.local), cpuUsPerProxied: cpu("localProxied", gw.local), cpuHitToProxied: ratio(cpu("localHit", gw.local), cpu("localProxied", gw.local)), upstreamCpuPerHit: cpu("localHit", "upstream") },
    shared: { hitP99OverDirectMs: added("sharedHit"), proxiedP99OverDirectMs: added("sharedProxied"), cpuUsPerHit: cpu("sharedHit", gw.shared), cpuUsPerProxied: cpu("sharedProxied", gw.shared), cpuHitToProxied: ratio(cpu("sharedHit", gw.shared), cpu("sharedProxied", gw.shared)), upstreamCpuPerHit: cpu("sharedHit", "upstream") },
  };
  const cold = { local: await coldKey(s.local.base, s.upstreamUrl), shared: await coldKey(s.shared.base, s.upstreamUrl) };
  const targetsMet = {
    hitP99WithinOneMsOfDirect: [figures.local.hitP99OverDirectMs, figures.shared.hitP99OverDirectMs].every((v) => v !== null && v <= 1),
    hitCpuAtMostHalfOfProxied: [figures.local.cpuHitToProxied, figures.shared.cpuHitToProxied].every((v) => v !== null && v <= 0.5),
    coldKeyOneUpstreamRequest: cold.local.upstreamRequests === 1 && cold.shared.upstreamRequests === 1,
  };
  const result = {
    kind: isSmoke(settings) ? "smoke" : "measurement",
    startedAt,
    finishedAt: new Date().toISOString(),
    settings: { ...settings, redisPrefix: undefined },
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", loadAverage: { atStart: loadAtStart.map((v) => +v.toFixed(2)), atEnd: loadavg().map((v) => +v.toFixed(2)) } },
    pinning,
    method:
      "Load generators in their own process on the client core: bench/http-rate.ts at the fixed rate (requests on a schedule over keep-alive connections, latency from the scheduled send to the answer's end, microsecond timing, nearest-rank percentiles over every request), wrk at N connections; upstream and both gateways on the server core; CPU per request from /proc of each process around each run; medians of the repeats, runs interleaved. The cached route's key is fetched once in the warm-up, so every measured request is a hit.",
    figures,
    coldKey: cold,
    targets: { hitP99OverDirectMaxMs: 1, hitCpuToProxiedMax: 0.5, coldKeyUpstreamRequests: 1, met: targetsMet },
    rate,
    points,
  };
  console.log(`results: ${writeResult(result, "cache")}`);
  console.log(JSON.stringify({ figures, coldKey: cold, targetsMet }, null, 2));
} finally {
  await cleanup();
}
