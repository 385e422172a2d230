// `npm run bench:compression`: what response compression costs and saves, in one run. One gateway,
// routes with and without a compression policy, a 19 KB JSON answer (bench/upstream.ts /doc) and the
// 216-byte one: gateway CPU per request and throughput at N connections (wrk), bytes on the wire
// per answer, for br, gzip, a client that takes identity, and cache hits compressed per client;
// the small answer shows what the stage costs when it has nothing to compress. Loads come from a
// separate process on the client core, servers on the other; loopback only; every run and the
// whole bounded in time. Results: bench/results/compression-*.json.
import http from "node:http";
import { cpus, loadavg } from "node:os";
import { createTestDatabase } from "@tta/db/testing";
import { newId } from "@tta/domain";
import { pickGenerator, wrkVersion, type LoadSpec } from "./lib/load.ts";
import { measureOnce, summarise, type Point, type Run } from "./lib/measure.ts";
import { detectPinning, pinSelf, startNodeScript } from "./lib/processes.ts";
import { writeResult } from "./lib/results.ts";
import { publishSnapshot, waitForStatus } from "./lib/revisions.ts";
import { isSmoke, readSettings } from "./lib/settings.ts";
import { ratio } from "./lib/stats.ts";

const settings = readSettings();
const pinning = detectPinning();
pinSelf(pinning.clientCore);
const wrk = wrkVersion();
const startedAt = new Date().toISOString();
const loadAtStart = loadavg();
const budgetMs = (settings.seconds + 4) * settings.repeats * 10 * 1000 + 180_000;
setTimeout(() => (console.error(`bench:compression: over its ${Math.round(budgetMs / 1000)} s budget, stopping`), process.exit(1)), budgetMs).unref();
console.log(`bench:compression: ${settings.seconds} s x ${settings.repeats} per point; ${pinning.note}`);

const undo: Array<() => Promise<void>> = [];
const cleanup = async () => {
  for (const fn of undo.reverse()) await fn().catch((error: unknown) => console.error("cleanup:", error));
  undo.length = 0;
};
process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

const port = (i: number) => settings.portBase + 40 + i;
const launch = { core: pinning.serverCore };

async function start() {
  const upstream = (await startNodeScript("upstream", "bench/upstream.ts", [String(port(0))], { launch, ready: /^listening \d+/ })).proc;
  undo.push(() => upstream.stop());
  const db = await createTestDatabase("benchcompress");
  undo.push(() => db.drop());
  const route = (name: string, extra: object) => ({ id: newId("route"), name, path: `/${name}/*`, rewrite: "/*", service: "bench", retryPolicy: { attempts: 1 }, ...extra });
  await publishSnapshot(
    db,
    {
      schemaVersion: 1,
      services: [{ name: "bench", healthCheck: { enabled: false }, instances: [{ url: `http://127.0.0.1:${port(0)}` }] }],
      routes: [route("plain", {}), route("compressed", { compression: {} }), route("cached", { compression: {}, cachePolicy: { enabled: true, ttlSeconds: 3_600 } })],
    },
    "benchmark: routes with and without compression",
  );
  const { proc } = await startNodeScript("gateway", "apps/gateway/src/main.ts", [], {
    env: { DATABASE_URL: db.url, GATEWAY_PORT: String(port(1)), GATEWAY_ADMIN_PORT: String(port(2)), GATEWAY_INSTANCE_ID: "bench-compression", LOG_LEVEL: "warn" },
    launch,
    ready: /proxy http:\/\/127\.0\.0\.1:\d+/,
  });
  undo.push(() => proc.stop());
  const base = `http://127.0.0.1:${port(1)}`;
  await waitForStatus(`${base}/plain/hello`, 200, 20_000);
  return { upstream, gateway: proc, base };
}

interface Target {
  key: string;
  label: string;
  path: string;
  acceptEncoding: string | null;
}

/** One answer's encoding and bytes on the wire (the body as sent). */
function wire(url: string, acceptEncoding: string | null): Promise<{ encoding: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {}, agent: false }, (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () => resolve({ encoding: String(res.headers["content-encoding"] ?? "identity"), bytes }));
      })
      .on("error", reject);
  });
}

try {
  const s = await start();
  const BROWSER = "gzip, deflate, br, zstd";
  const targets: Target[] = [
    { key: "plainDoc", label: "19 KB JSON, route without compression", path: "/plain/doc", acceptEncoding: BROWSER },
    { key: "brDoc", label: "19 KB JSON, compressed, br", path: "/compressed/doc", acceptEncoding: BROWSER },
    { key: "gzipDoc", label: "19 KB JSON, compressed, gzip", path: "/compressed/doc", acceptEncoding: "gzip" },
    { key: "identityDoc", label: "19 KB JSON, compressing route, client takes identity", path: "/compressed/doc", acceptEncoding: null },
    { key: "cachedBrDoc", label: "19 KB JSON, cache hit compressed per client, br", path: "/cached/doc", acceptEncoding: BROWSER },
    { key: "plainSmall", label: "216-byte JSON, route without compression", path: "/plain/hello", acceptEncoding: BROWSER },
    { key: "compressedSmall", label: "216-byte JSON, compressing route (under its minimum: sent as it is)", path: "/compressed/hello", acceptEncoding: BROWSER },
  ];
  const spec = (t: Target, connections = settings.connections): LoadSpec => ({ url: `${s.base}${t.path}`, connections, seconds: settings.seconds, headers: t.acceptEncoding ? { "accept-encoding": t.acceptEncoding } : {} });
  const wireBytes: Record<string, { encoding: string; bytes: number }> = {};
  for (const t of targets) {
    wireBytes[t.key] = await wire(`${s.base}${t.path}`, t.acceptEncoding);
    const warm = { ...spec(t, 10), seconds: 2 };
    await measureOnce(warm, pickGenerator(warm, settings.loadGenerator, wrk !== null), [s.gateway], { core: pinning.clientCore });
  }
  const runs = new Map<string, Run[]>(targets.map((t) => [t.key, []]));
  for (let r = 0; r < settings.repeats; r++) {
    for (const t of targets) {
      const run = await measureOnce(spec(t), pickGenerator(spec(t), settings.loadGenerator, wrk !== null), [s.gateway, s.upstream], { core: pinning.clientCore });
      runs.get(t.key)!.push(run);
      console.log(`${t.label}, run ${r + 1}/${settings.repeats}: ${run.rps} req/s, p99 ${run.p99Ms} ms, ${JSON.stringify(run.cpuUsPerRequest)}`);
    }
  }
  const points: Record<string, Point> = {};
  for (const t of targets) points[t.key] = summarise(t.key, t.label, spec(t), pickGenerator(spec(t), settings.loadGenerator, wrk !== null), runs.get(t.key)!);
  const cpu = (key: string) => points[key]?.median.cpuUsPerRequest.gateway ?? null;
  const figures = Object.fromEntries(
    targets.map((t) => [t.key, { label: t.label, gatewayCpuUsPerRequest: cpu(t.key), overPlainDoc: t.key.endsWith("Doc") ? ratio(cpu(t.key), cpu("plainDoc")) : ratio(cpu(t.key), cpu("plainSmall")), rps: points[t.key]?.median.rps ?? null, wire: wireBytes[t.key] }]),
  );
  const result = {
    kind: isSmoke(settings) ? "smoke" : "measurement",
    startedAt,
    finishedAt: new Date().toISOString(),
    settings: { ...settings, redisPrefix: undefined },
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", loadAverage: { atStart: loadAtStart.map((v) => +v.toFixed(2)), atEnd: loadavg().map((v) => +v.toFixed(2)) } },
    pinning,
    method: "wrk (or autocannon) in its own process on the client core at N connections, with the Accept-Encoding shown; upstream and gateway on the server core; gateway CPU per request from /proc around each run; medians of the repeats, runs interleaved; bytes on the wire from one request per target.",
    figures,
    points,
  };
  console.log(`results: ${writeResult(result, "compression")}`);
  console.log(JSON.stringify(figures, null, 2));
} finally {
  await cleanup();
}
