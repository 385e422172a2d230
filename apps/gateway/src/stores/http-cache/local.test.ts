import { test } from "node:test";
import assert from "node:assert/strict";
import { answer } from "./http-cache-store.contract.ts";
import { createLocalHttpCacheStore, entryBytes, ENTRY_OVERHEAD_BYTES } from "./local.ts";

const long = { keepMs: 60_000 };
const sized = (variant = "") => answer({ variant, body: Buffer.alloc(1_000) });
/** One sized() entry with variant "" (a longer variant costs its bytes more). */
const one = entryBytes(sized());

test("entryBytes: body, header lines, strings and the fixed overhead", () => {
  const r = answer({ headers: { a: "bc", d: ["e", "f"] }, body: Buffer.alloc(10), url: "/u", variant: "v", route: "r", userId: "u", tags: ["t1", "t2"] });
  assert.equal(entryBytes(r), 10 + (1 + 2 + 4) + 2 * (1 + 1 + 4) + 2 + 1 + 1 + 1 + 4 + ENTRY_OVERHEAD_BYTES);
});

test("bounded by bytes, least recently used key out first; a get is a use", async () => {
  const evicted: number[] = [];
  const store = createLocalHttpCacheStore({ maxBytes: one * 3, onEvict: (n) => evicted.push(n) });
  for (const k of ["a", "b", "c"]) await store.put(k, sized(), long);
  assert.deepEqual(await store.stats(), { entries: 3, bytes: one * 3 });
  await store.get("a");
  await store.put("d", sized(), long);
  assert.deepEqual(await store.get("b"), [], "b was least recently used");
  for (const k of ["a", "c", "d"]) assert.equal((await store.get(k)).length, 1, k);
  assert.deepEqual(evicted, [1]);
  assert.ok((await store.stats()).bytes <= one * 3);
  await store.close();
});

test("eviction counts variants: a key's variants go together, and a put makes room within its own key last", async () => {
  const evicted: number[] = [];
  const store = createLocalHttpCacheStore({ maxBytes: one * 4 + 10, onEvict: (n) => evicted.push(n) });
  for (const v of ["1", "2", "3"]) await store.put("many", sized(v), long);
  await store.put("single", sized(), long);
  await store.put("newcomer", sized(), long);
  assert.deepEqual(evicted, [3], "the three variants of the least recently used key");
  assert.deepEqual((await store.stats()).entries, 2);
  for (const v of ["1", "2", "3"]) await store.put("newcomer", sized(v), long);
  assert.deepEqual(evicted, [3, 1], "single went before any of newcomer's variants");
  await store.put("newcomer", sized("4"), long);
  assert.deepEqual(evicted, [3, 1, 1]);
  assert.deepEqual((await store.get("newcomer")).map((r) => r.variant), ["4", "3", "2", "1"], "its least recently stored variant went");
  assert.equal(store.indexSize(), 4 * 3, "tag players, tag player:1, route: per variant");
  await store.close();
});

test("an entry larger than maxBytes is not stored, evicts nothing, and takes the variant it replaces with it", async () => {
  const evicted: number[] = [];
  const store = createLocalHttpCacheStore({ maxBytes: one * 2 + 10, onEvict: (n) => evicted.push(n) });
  await store.put("small", sized(), long);
  await store.put("big", sized("old"), long);
  await store.put("big", answer({ variant: "old", body: Buffer.alloc(one * 2) }), long);
  assert.deepEqual(await store.get("big"), []);
  assert.equal((await store.get("small")).length, 1);
  assert.deepEqual(evicted, []);
  assert.deepEqual(await store.stats(), { entries: 1, bytes: one });
  assert.equal(store.indexSize(), 3);
  await store.close();
});

test("the indexes keep nothing of what was evicted, expired, replaced or purged", async () => {
  let now = 1_000_000;
  const store = createLocalHttpCacheStore({ maxBytes: one * 3, now: () => now, sweepEveryMs: 3_600_000 });
  await store.put("a", answer({ ...sized(), userId: "usr_1", tags: ["x"] }), long);
  await store.put("b", answer({ ...sized(), userId: "usr_2", tags: ["y", "y"] }), long);
  await store.put("c", sized(), { keepMs: 10 });
  await store.put("d", sized(), long); // evicts a
  assert.equal(await store.purgeUser("usr_1"), 0);
  assert.equal(await store.purgeTag("x"), 0);
  now += 20; // c expires
  assert.deepEqual(await store.get("c"), []);
  await store.put("b", answer({ ...sized(), userId: null, tags: [] }), long);
  assert.equal(await store.purgeUser("usr_2"), 0, "replaced without the user");
  assert.equal(store.indexSize(), 3 + 1, "d: two tags and a route; b: a route");
  assert.equal(await store.purgeRoute("players-api"), 2);
  assert.equal(store.indexSize(), 0);
  assert.deepEqual(await store.stats(), { entries: 0, bytes: 0 });
  await store.close();
});

test("expired variants are swept on a timer without being read", async () => {
  let now = 1_000_000;
  const store = createLocalHttpCacheStore({ maxBytes: 1_000_000, now: () => now, sweepEveryMs: 10 });
  await store.put("k", answer({ variant: "a" }), { keepMs: 100 });
  await store.put("k", answer({ variant: "b" }), long);
  await store.put("k2", answer(), { keepMs: 100 });
  now += 200;
  await new Promise((r) => setTimeout(r, 40));
  assert.equal((await store.stats()).entries, 1);
  assert.equal(store.indexSize(), 3);
  await store.close();
});

test("MAX_VARIANTS and replacement do not count as evictions", async () => {
  const evicted: number[] = [];
  const store = createLocalHttpCacheStore({ maxBytes: 10_000_000, onEvict: (n) => evicted.push(n) });
  for (let i = 0; i < 20; i++) await store.put("k", answer({ variant: `v${i}`, responseTime: i }), long);
  await store.put("k", answer({ variant: "v19" }), long);
  assert.deepEqual(evicted, []);
  assert.equal((await store.stats()).entries, 16);
  assert.equal(store.indexSize(), 16 * 3);
  await store.close();
});
