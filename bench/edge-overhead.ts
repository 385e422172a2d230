// `node --import tsx bench/edge-overhead.ts`: what the edge policies cost per request. One gateway,
// one upstream, in the same run: a direct connection, a public route without policies, and a route
// with JWT verification (ES256) and the Redis rate limiter (one EVALSHA per request), once with one
// token (the verified-token cache answers) and once with 20,000 tokens in turn (every request
// verifies a signature). At 50 connections and at a fixed 2,000 requests/s; the gateway's CPU time
// per request from /proc. Loopback only, bounded (BENCH_SECONDS per run, default 10); the Redis is
// BENCH_REDIS_URL (default redis://127.0.0.1:6379) under a key prefix of its own, removed after.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { createTestDatabase } from "@tta/db/testing";
import { run, startNode, type RunResult } from "./harness.ts";
import { cpuUs } from "./lib/cpu.ts";
import { dropRedisPrefix, edgeKeys, edgeSnapshot } from "./lib/edge-fixture.ts";
import { publishSnapshot } from "./lib/revisions.ts";

const root = resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `bench:${randomBytes(4).toString("hex")}:`;
const gatewayPort = Number(process.env.BENCH_PORT_BASE ?? 18490);
const adminPort = gatewayPort + 1;

const keys = edgeKeys();
const token = keys.token;

const upstream = await startNode("bench/upstream.ts", ["0"], {}, /^listening \d+/);
const upstreamUrl = `http://127.0.0.1:${upstream.line.split(" ")[1]}`;
const db = await createTestDatabase("benchedge");
await publishSnapshot(db, edgeSnapshot(upstreamUrl, keys.publicKeyPem), "edge benchmark routes");
const gateway = await startNode("apps/gateway/src/main.ts", [], {
  DATABASE_URL: db.url,
  GATEWAY_PORT: String(gatewayPort),
  GATEWAY_ADMIN_PORT: String(adminPort),
  LOG_LEVEL: "warn",
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: prefix,
}, /proxy http:\/\/127\.0\.0\.1:\d+/);

const gatewayCpuUs = () => cpuUs(gateway.proc.child.pid!);

interface Row extends RunResult {
  cpuUsPerRequest: number | null;
}
async function measured(label: string, url: string, opts: Parameters<typeof run>[2], viaGateway: boolean): Promise<Row> {
  const before = gatewayCpuUs();
  const result = await run(label, url, opts);
  const cpu = gatewayCpuUs() - before;
  return { ...result, cpuUsPerRequest: viaGateway && result.total ? Math.round(cpu / result.total) : null };
}

const one = await token("usr_bench");
const many = await Promise.all(Array.from({ length: 20_000 }, (_, i) => token(`usr_bench_${i % 50}`)));
let next = 0;
const single = () => ({ authorization: `Bearer ${one}` });
const rotating = () => ({ authorization: `Bearer ${many[next++ % many.length]}` });

const direct = `${upstreamUrl}/hello`;
const plain = `http://127.0.0.1:${gatewayPort}/plain/hello`;
const edge = `http://127.0.0.1:${gatewayPort}/edge/hello`;
const rows: Row[] = [];
try {
  await run("warm-up", plain, { connections: 10, seconds: 2 });
  await run("warm-up", edge, { connections: 10, seconds: 2, headers: single });
  await run("warm-up", direct, { connections: 10, seconds: 1 });
  rows.push(await measured("direct, 50 connections", direct, { connections: 50, seconds }, false));
  rows.push(await measured("gateway, public route, 50 connections", plain, { connections: 50, seconds }, true));
  rows.push(await measured("gateway, JWT + Redis limit (cached token), 50 conn.", edge, { connections: 50, seconds, headers: single }, true));
  rows.push(await measured("gateway, JWT + Redis limit (20k tokens), 50 conn.", edge, { connections: 50, seconds, headers: rotating }, true));
  rows.push(await measured("direct, 2,000 req/s", direct, { connections: 50, seconds, rate: 2000 }, false));
  rows.push(await measured("gateway, public route, 2,000 req/s", plain, { connections: 50, seconds, rate: 2000 }, true));
  rows.push(await measured("gateway, JWT + Redis limit (cached token), 2,000 req/s", edge, { connections: 50, seconds, rate: 2000, headers: single }, true));
  rows.push(await measured("gateway, JWT + Redis limit (20k tokens), 2,000 req/s", edge, { connections: 50, seconds, rate: 2000, headers: rotating }, true));
} finally {
  await gateway.proc.stop();
  await upstream.proc.stop();
  await db.drop();
  await dropRedisPrefix(redisUrl, prefix);
}

const [, plain50, cached50, verify50, dRate, pRate, cRate, vRate] = rows;
const summary = {
  cpuUsPerRequest: { publicRoute: plain50!.cpuUsPerRequest, jwtRedisCached: cached50!.cpuUsPerRequest, jwtRedisVerifyEach: verify50!.cpuUsPerRequest },
  addedCpuUsPerRequest: { cachedToken: cached50!.cpuUsPerRequest! - plain50!.cpuUsPerRequest!, verifyEach: verify50!.cpuUsPerRequest! - plain50!.cpuUsPerRequest! },
  throughputVsPublicRoute: { cachedToken: +(cached50!.requestsPerSec / plain50!.requestsPerSec).toFixed(2), verifyEach: +(verify50!.requestsPerSec / plain50!.requestsPerSec).toFixed(2) },
  addedLatencyAt2000Ms: {
    publicRoute: { p50: +(pRate!.p50 - dRate!.p50).toFixed(2), p99: +(pRate!.p99 - dRate!.p99).toFixed(2) },
    cachedToken: { p50: +(cRate!.p50 - dRate!.p50).toFixed(2), p99: +(cRate!.p99 - dRate!.p99).toFixed(2) },
    verifyEach: { p50: +(vRate!.p50 - dRate!.p50).toFixed(2), p99: +(vRate!.p99 - dRate!.p99).toFixed(2) },
  },
};
const head = "| run | req/s | p50 ms | p99 ms | gateway CPU µs/req | errors | non-2xx |\n|---|---:|---:|---:|---:|---:|---:|";
console.log(`\n${head}\n${rows.map((r) => `| ${r.label} | ${r.requestsPerSec} | ${r.p50} | ${r.p99} | ${r.cpuUsPerRequest ?? "–"} | ${r.errors} | ${r.non2xx} |`).join("\n")}\n`);
console.log(JSON.stringify(summary, null, 2));
const out = join(root, "bench/results");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `edge-overhead-${Date.now()}.json`), JSON.stringify({ seconds, rows, summary }, null, 2));
