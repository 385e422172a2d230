// `node --expose-gc --import tsx bench/ws-heap.ts [connections]`: the JavaScript heap each idle
// WebSocket connection keeps in a gateway, after full garbage collections, read inside the gateway
// process (startGateway here; the echo upstream and the clients in processes of their own, so only
// the gateway's heap is measured). RSS also moves with free heap pages and the allocator: this is
// the figure to compare when looking for what a connection retains. Loopback only, bounded.
// BENCH_WS_HEAP_STORE=redis keeps sessions in Redis (its own key prefix), default in-process.
import { randomBytes } from "node:crypto";
import { createTestDatabase } from "@tta/db/testing";
import { startGateway } from "../apps/gateway/src/index.ts";
import { createLogger } from "../apps/gateway/src/logger.ts";
import { dropRedisPrefix } from "./lib/edge-fixture.ts";
import { spawnProc, startNodeScript, waitForLine } from "./lib/processes.ts";
import { publishSnapshot } from "./lib/revisions.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const count = Math.min(Number(process.argv[2] ?? 2000), 8000);
const redis = process.env.BENCH_WS_HEAP_STORE === "redis" ? { url: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379", prefix: `bench:heap:${randomBytes(4).toString("hex")}:` } : null;
setTimeout(() => (console.error("ws-heap: over its 5 minute budget"), process.exit(1)), 300_000).unref();

const heap = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage();
};
const { proc: echo, line } = await startNodeScript("ws echo", "bench/ws-echo.ts", ["0"], { ready: /^listening \d+/ });
const port = Number(line.split(" ")[1]);
const db = await createTestDatabase("wsheap");
try {
  await publishSnapshot(db, { schemaVersion: 1, services: [{ name: "echo", healthCheck: { enabled: false }, instances: [{ url: `http://127.0.0.1:${port}` }] }], routes: [{ id: "rt_heap", name: "heap-ws", path: "/ws/*", service: "echo", websocket: true }] }, "ws-heap");
  const gateway = await startGateway({ databaseUrl: db.url, port: 0, adminPort: 0, logger: createLogger({ level: "warn", instanceId: "ws-heap" }), crisisClassifier: { kind: "off" }, websocket: { maxConnectionsPerSubject: count + 1 }, ...(redis ? { redisUrl: redis.url, redisKeyPrefix: redis.prefix } : {}) });
  try {
    await new Promise((r) => setTimeout(r, 1_000));
    const before = heap();
    const holder = spawnProc("holder", process.execPath, ["--import", "tsx", "bench/ws-hold.ts", `${gateway.url.replace("http", "ws")}/ws/idle`, String(count)], { stdin: true });
    const opened = await waitForLine(holder, /^opened /, 120_000);
    await new Promise((r) => setTimeout(r, 1_000));
    const held = heap();
    const per = (k: "heapUsed" | "external" | "rss") => ((held[k] - before[k]) / count / 1024).toFixed(1);
    console.log(`${opened}; per connection after GC: heap ${per("heapUsed")} KiB, external ${per("external")} KiB, RSS ${per("rss")} KiB (${redis ? "Redis" : "in-process"} session store)`);
    holder.child.stdin!.end("close\n");
    await holder.exited;
  } finally {
    await gateway.close();
  }
} finally {
  await echo.stop();
  await db.drop();
  if (redis) await dropRedisPrefix(redis.url, redis.prefix);
}
