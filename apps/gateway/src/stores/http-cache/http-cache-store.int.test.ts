// The cache store contract on the local store and on real Redis (a key prefix of its own per test,
// removed after), plus what only Redis has: binary bodies as stored, index expiry, key layout,
// purgeAll's reach, and failing fast while Redis is away.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { answer, httpCacheStoreContract } from "./http-cache-store.contract.ts";
import { createLocalHttpCacheStore } from "./local.ts";
import { createRedisHttpCacheStore } from "./redis.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const run = `test:http-cache:${randomBytes(4).toString("hex")}:`;
const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const long = { keepMs: 60_000 };
let n = 0;
const newPrefix = () => `${run}${++n}:`;

async function keysUnder(prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    out.push(...keys);
  } while (cursor !== "0");
  return out;
}

async function removeUnder(prefix: string): Promise<void> {
  const keys = await keysUnder(prefix);
  for (let i = 0; i < keys.length; i += 500) await client.unlink(...keys.slice(i, i + 500));
}

after(async () => {
  await removeUnder(run);
  await client.quit();
});

httpCacheStoreContract("local", async () => {
  const store = createLocalHttpCacheStore({ maxBytes: 64 * 1024 * 1024 });
  return { store, close: () => store.close() };
});

httpCacheStoreContract("redis", async () => {
  const prefix = newPrefix();
  const store = createRedisHttpCacheStore(client, prefix);
  return {
    store,
    async close() {
      await store.close();
      await removeUnder(prefix);
    },
  };
});

test("redis: a body of any bytes (invalid UTF-8 too) is stored and read back as those bytes", async () => {
  const prefix = newPrefix();
  const store = createRedisHttpCacheStore(client, prefix);
  const body = Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x00, 0x0d, 0x0a]), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
  await store.put("bin", answer({ body, headers: { "content-type": "application/octet-stream" } }), long);
  const [got] = await store.get("bin");
  assert.ok(got!.body.equals(body), "read back");
  const keys = await keysUnder(`${prefix}cache:`);
  const entry = keys.find((k) => /^[A-Za-z0-9_-]{43}$/.test(k.slice(`${prefix}cache:`.length)));
  assert.ok(entry, `cache:{sha256 base64url} among ${keys.join(", ")}`);
  const raw = await client.hgetBuffer(entry!, "v:");
  assert.ok(raw!.subarray(raw!.length - body.length).equals(body), "stored as the bytes themselves, last in the field");
});

test("redis: the key and the indexes expire with their members, the indexes following the longest-lived", async () => {
  const prefix = newPrefix();
  const base = `${prefix}cache:`;
  const store = createRedisHttpCacheStore(client, prefix);
  await store.put("a", answer({ tags: ["t"], userId: "usr_1" }), { keepMs: 2_000 });
  for (const index of ["tag:t", "route:players-api", "user:usr_1"]) {
    const ttl = await client.pttl(base + index);
    assert.ok(ttl > 1_500 && ttl <= 2_000, `${index} pttl ${ttl}`);
  }
  await store.put("b", answer({ tags: ["t"] }), { keepMs: 20_000 });
  assert.ok((await client.pttl(`${base}tag:t`)) > 19_000, "extended to the longer member");
  assert.ok((await client.pttl(`${base}user:usr_1`)) <= 2_000, "an index b is not in keeps a's expiry");
  await store.put("b", answer({ variant: "x", tags: ["t"] }), { keepMs: 5_000 });
  assert.ok((await client.pttl(`${base}tag:t`)) > 19_000, "never shortened while a member may still live");

  const brief = newPrefix();
  const briefStore = createRedisHttpCacheStore(client, brief);
  await briefStore.put("c", answer({ tags: ["gone"], userId: "usr_9" }), { keepMs: 100 });
  assert.equal((await keysUnder(`${brief}cache:`)).filter((k) => !/:(due|sizes|stats)$/.test(k)).length, 4, "entry + tag, route, user");
  await sleep(200);
  const left = await keysUnder(`${brief}cache:`);
  assert.deepEqual(left.filter((k) => !/:(due|sizes|stats)$/.test(k)), [], "entry and indexes expired");
  assert.deepEqual(await briefStore.stats(), { entries: 0, bytes: 0 }, "stats forget a key Redis expired");
  assert.equal(await client.zcard(`${brief}cache:due`), 0);
});

test("redis: purgeAll removes only what is under its own prefix's cache:", async () => {
  const [mine, theirs] = [newPrefix(), newPrefix()];
  const a = createRedisHttpCacheStore(client, mine);
  const b = createRedisHttpCacheStore(client, theirs);
  await a.put("k", answer(), long);
  await b.put("k", answer(), long);
  await client.set(`${mine}ratelimit:user:alice`, "1", "PX", 60_000);
  for (let i = 0; i < 1_200; i++) await a.put(`many${i}`, answer({ tags: [`t${i}`] }), long); // several SCAN batches
  assert.equal(await a.purgeAll(), 1_201);
  assert.deepEqual(await keysUnder(`${mine}cache:`), []);
  assert.equal((await b.get("k")).length, 1, "another prefix keeps its cache");
  assert.equal((await b.stats()).entries, 1);
  assert.equal(await client.get(`${mine}ratelimit:user:alice`), "1", "the prefix's other keys stay");
});

test("redis: while Redis is away every call rejects at once", async () => {
  const away = new Redis({ port: 1, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000, lazyConnect: true, retryStrategy: () => null });
  const store = createRedisHttpCacheStore(away, newPrefix());
  const started = Date.now();
  const calls = [store.get("k"), store.put("k", answer(), long), store.delete("k"), store.purgeTag("t"), store.purgeAll(), store.stats()];
  const results = await Promise.allSettled(calls);
  assert.deepEqual(results.map((r) => r.status), calls.map(() => "rejected"));
  assert.ok(Date.now() - started < 500, `${Date.now() - started} ms`);
  away.disconnect();
});
