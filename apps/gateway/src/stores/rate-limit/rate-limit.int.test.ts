// The rate-limit contract on real Redis (a key prefix of its own per run) and on the local twin,
// plus what only Redis has: key names and expiry, and the NOSCRIPT fallback.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { createLocalRateLimitStore } from "./local.ts";
import { rateLimitContract } from "./rate-limit.contract.ts";
import { createRedisRateLimitStore } from "./redis.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:${randomBytes(4).toString("hex")}:`;
const client = new Redis(REDIS_URL);

after(async () => {
  const keys = await client.keys(`${prefix}*`);
  if (keys.length) await client.del(...keys);
  await client.quit();
});

rateLimitContract("local", async () => {
  const store = createLocalRateLimitStore();
  return { store, close: () => store.close() };
});

rateLimitContract("redis", async () => ({ store: createRedisRateLimitStore(client, prefix), close: async () => {} }));

test("redis limiter: the key is ratelimit:{subject}:{endpoint} behind the prefix, and expires when the bucket is full again", async () => {
  const store = createRedisRateLimitStore(client, prefix);
  await store.take({ key: "ratelimit:user:alice:players-api", limit: 10, windowMs: 1_000, burst: 0 });
  const ttl = await client.pttl(`${prefix}ratelimit:user:alice:players-api`);
  assert.ok(ttl > 0 && ttl <= 100, `pttl ${ttl} (one request = 100 ms of a 10/s bucket)`);
  assert.equal(await client.exists("ratelimit:user:alice:players-api"), 0, "nothing outside the prefix");
});

test("redis limiter: after SCRIPT FLUSH (NOSCRIPT) it loads the script again and keeps counting", async () => {
  const store = createRedisRateLimitStore(client, prefix);
  const r = { key: "ratelimit:user:flush:players-api", limit: 2, windowMs: 60_000, burst: 0 };
  assert.equal((await store.take(r)).allowed, true);
  await client.script("FLUSH");
  assert.equal((await store.take(r)).allowed, true);
  assert.equal((await store.take(r)).allowed, false, "the counter survived the flush; only the script cache went");
});
