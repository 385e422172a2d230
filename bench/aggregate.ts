// `node --import tsx bench/aggregate.ts`: what an aggregation route costs through a real gateway,
// against proxying. One gateway process, one upstream (its fixed 216-byte JSON answer), one Postgres
// database, in the same run: GET through a proxy route; GET through an aggregation route of three
// parts (three upstream calls merged into one answer); the same with PII masking of the merged
// answer. At 50 connections; the gateway's CPU time per request from /proc, and per upstream call.
// Loopback only, bounded (BENCH_SECONDS per run, default 6).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { newId, ZSnapshot } from "@tta/domain";
import { publish, restoreWorkingTables, SYSTEM_ACTOR } from "@tta/db";
import { createTestDatabase } from "@tta/db/testing";
import { run, startNode, type RunResult } from "./harness.ts";

const root = resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const gatewayPort = 18592;
const adminPort = 18593;

const upstream = await startNode("bench/upstream.ts", ["0"], {}, /^listening \d+/);
const upstreamUrl = `http://127.0.0.1:${upstream.line.split(" ")[1]}`;
const db = await createTestDatabase("benchaggregate");
const parts = [
  { key: "player", service: "bench", path: "/players/:id" },
  { key: "sessions", service: "bench", path: "/sessions?player=:id" },
  { key: "recommendations", service: "bench", path: "/recommendations/:id", required: false },
];
const aggregate = (name: string, extra: object = {}) => ({ id: newId("route"), name, path: `/${name}/:id`, service: "bench", kind: "aggregate", retryPolicy: { attempts: 1 }, aggregate: { parts }, ...extra });
await db.db.$transaction((tx) =>
  restoreWorkingTables(
    tx,
    ZSnapshot.parse({
      schemaVersion: 1,
      services: [{ name: "bench", healthCheck: { enabled: false }, instances: [{ url: upstreamUrl }] }],
      routes: [{ id: newId("route"), name: "plain", path: "/plain/*", rewrite: "/*", service: "bench", retryPolicy: { attempts: 1 } }, aggregate("overview"), aggregate("masked", { maskResponsePii: true })],
    }),
  ),
);
await publish(db.db, { actor: SYSTEM_ACTOR, message: "aggregation benchmark routes", correlationId: newId("request") });
const gateway = await startNode("apps/gateway/src/main.ts", [], { DATABASE_URL: db.url, GATEWAY_PORT: String(gatewayPort), GATEWAY_ADMIN_PORT: String(adminPort), LOG_LEVEL: "warn", REDIS_URL: "" }, /proxy http:\/\/127\.0\.0\.1:\d+/);

/** The gateway process's user + system CPU time, in µs (from /proc, clock ticks of 10 ms). */
function gatewayCpuUs(): number {
  const fields = readFileSync(`/proc/${gateway.proc.child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
}

interface Row extends RunResult {
  cpuUsPerRequest: number;
  upstreamCalls: number;
}
async function measured(label: string, path: string, calls: number): Promise<Row> {
  const before = gatewayCpuUs();
  const result = await run(label, `http://127.0.0.1:${gatewayPort}${path}`, { connections: 50, seconds });
  return { ...result, upstreamCalls: calls, cpuUsPerRequest: Math.round((gatewayCpuUs() - before) / Math.max(1, result.total)) };
}

const rows: Row[] = [];
try {
  for (const path of ["/plain/p-1", "/overview/p-1", "/masked/p-1"]) await run("warm-up", `http://127.0.0.1:${gatewayPort}${path}`, { connections: 10, seconds: 2 });
  rows.push(await measured("GET through a proxy route (1 upstream call)", "/plain/p-1", 1));
  rows.push(await measured("GET through an aggregation route (3 parts merged)", "/overview/p-1", 3));
  rows.push(await measured("GET through an aggregation route, merged answer PII-masked", "/masked/p-1", 3));
} finally {
  await gateway.proc.stop();
  await upstream.proc.stop();
  await db.drop();
}

const head = "| run | req/s | p50 ms | p99 ms | gateway CPU µs/req | µs per upstream call | errors | non-2xx |\n|---|---:|---:|---:|---:|---:|---:|---:|";
console.log(`\n${head}\n${rows.map((r) => `| ${r.label} | ${r.requestsPerSec} | ${r.p50} | ${r.p99} | ${r.cpuUsPerRequest} | ${Math.round(r.cpuUsPerRequest / r.upstreamCalls)} | ${r.errors} | ${r.non2xx} |`).join("\n")}\n`);
const out = join(root, "bench/results");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `aggregate-${Date.now()}.json`), JSON.stringify({ seconds, rows }, null, 2));
