// `npm run bench`: what the gateway adds over a direct connection to the same upstream, in the
// same run: at 50 connections (throughput) and at a fixed 2,000 requests/s (latency). Everything
// runs on 127.0.0.1 and stops by itself (BENCH_SECONDS per run, default 10).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { benchDatabase, run, startNode, table, type RunResult } from "./harness.ts";

const root = resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const gatewayPort = 18480;
const adminPort = 18481;

const upstream = await startNode("bench/upstream.ts", ["0"], {}, /^listening \d+/);
const upstreamUrl = `http://127.0.0.1:${upstream.line.split(" ")[1]}`;
// Whatever fails from here on, the children and the database go too (the run stops by itself).
const abort = async (error: unknown) => {
  console.error(error);
  await upstream.proc.stop();
  process.exit(1);
};
const db = await benchDatabase(upstreamUrl).catch(abort);
const gateway = await startNode("apps/gateway/src/main.ts", [], {
  DATABASE_URL: db.url,
  GATEWAY_PORT: String(gatewayPort),
  GATEWAY_ADMIN_PORT: String(adminPort),
  LOG_LEVEL: "warn",
  ...(process.env.BENCH_GATEWAY_ENV ? JSON.parse(process.env.BENCH_GATEWAY_ENV) : {}),
}, /proxy http:\/\/127\.0\.0\.1:\d+/).catch(async (error) => {
  await db!.drop();
  return abort(error);
});

const direct = `${upstreamUrl}/hello`;
const viaGateway = `http://127.0.0.1:${gatewayPort}/bench/hello`;
const rows: RunResult[] = [];
try {
  await run("warm-up", viaGateway, { connections: 10, seconds: 2 });
  await run("warm-up", direct, { connections: 10, seconds: 1 });
  rows.push(await run("direct, 50 connections", direct, { connections: 50, seconds }));
  rows.push(await run("gateway, 50 connections", viaGateway, { connections: 50, seconds }));
  rows.push(await run("direct, 2,000 req/s", direct, { connections: 50, seconds, rate: 2000 }));
  rows.push(await run("gateway, 2,000 req/s", viaGateway, { connections: 50, seconds, rate: 2000 }));
} finally {
  await gateway.proc.stop();
  await upstream.proc.stop();
  await db.drop();
}

const [d50, g50, dRate, gRate] = rows;
const summary = {
  throughputRatio: +(g50!.requestsPerSec / d50!.requestsPerSec).toFixed(2),
  addedLatencyAtRateMs: { p50: +(gRate!.p50 - dRate!.p50).toFixed(2), p99: +(gRate!.p99 - dRate!.p99).toFixed(2) },
};
console.log(`\n${table(rows)}\n`);
console.log(`gateway throughput = ${summary.throughputRatio} x direct; added latency at 2,000 req/s: p50 +${summary.addedLatencyAtRateMs.p50} ms, p99 +${summary.addedLatencyAtRateMs.p99} ms`);
const out = join(root, "bench/results");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `proxy-overhead-${Date.now()}.json`), JSON.stringify({ seconds, rows, summary }, null, 2));
