// What every HttpCacheStore must do, run against each implementation (http-cache-store.int.test.ts).
// Real time with short keepMs: the Redis store's keys expire by Redis's clock, which no test fakes.
// Each test gets a store of its own (the Redis one under a prefix of its own), so counts are exact.
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { MAX_VARIANTS, type CachedResponse, type HttpCacheStore } from "./interface.ts";

export interface HttpCacheStoreUnderTest {
  store: HttpCacheStore;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const long = { keepMs: 60_000 };

export function answer(over: Partial<CachedResponse> = {}): CachedResponse {
  return {
    variant: "",
    status: 200,
    headers: { "content-type": "application/json", vary: "accept-language", "x-multi": ["a", "b, c"] },
    body: Buffer.from('{"ok":true}'),
    requestTime: 1_700_000_000_000,
    responseTime: 1_700_000_000_050,
    route: "players-api",
    userId: null,
    tags: ["players", "player:1"],
    url: "/players/1?view=full",
    ...over,
  };
}

const variants = (list: readonly CachedResponse[]) => list.map((r) => r.variant);

export function httpCacheStoreContract(name: string, make: () => Promise<HttpCacheStoreUnderTest>): void {
  describe(`http cache store contract: ${name}`, () => {
    let subject: HttpCacheStoreUnderTest;
    let store: HttpCacheStore;
    beforeEach(async () => {
      subject = await make();
      store = subject.store;
    });
    afterEach(() => subject.close());

    test("a stored answer reads back as it was: status, headers (lists too), body, times, route, user, tags, url", async () => {
      const shared = answer();
      const mine = answer({ variant: "accept-language=fr", status: 203, userId: "usr_1", tags: [], headers: { link: ["</a>; rel=preload", "</b>; rel=preload"] } });
      await store.put("GET https://players/1", shared, long);
      await store.put("GET https://players/1", mine, long);
      assert.deepEqual(await store.get("GET https://players/1"), [mine, shared]);
      assert.deepEqual(await store.get("GET https://players/2"), []);
    });

    test("any primary key works: long, unicode, separators", async () => {
      const key = `GET https://x/${"é/:{}*?[]\n".repeat(500)}`;
      await store.put(key, answer(), long);
      assert.equal((await store.get(key)).length, 1);
      assert.deepEqual(await store.get(key.slice(0, -1)), []);
    });

    test("several variants under one key come back most recently stored first; the same variant is replaced", async () => {
      for (const v of ["a", "b", "c"]) await store.put("k", answer({ variant: v, body: Buffer.from(v) }), long);
      assert.deepEqual(variants(await store.get("k")), ["c", "b", "a"]);
      await store.put("k", answer({ variant: "a", body: Buffer.from("a2"), status: 404 }), long);
      const got = await store.get("k");
      assert.deepEqual(variants(got), ["a", "c", "b"]);
      assert.deepEqual([got[0]!.body.toString(), got[0]!.status], ["a2", 404]);
      assert.equal((await store.stats()).entries, 3);
    });

    test(`at most ${MAX_VARIANTS} variants per key: the oldest by responseTime goes`, async () => {
      // responseTimes out of storing order: variant 3 is the oldest of all
      for (let i = 0; i < MAX_VARIANTS; i++) await store.put("k", answer({ variant: `v${i}`, responseTime: i === 3 ? 1 : 1_000 + i }), long);
      await store.put("k", answer({ variant: "new", responseTime: 500 }), long);
      const got = variants(await store.get("k"));
      assert.equal(got.length, MAX_VARIANTS);
      assert.equal(got[0], "new");
      assert.ok(!got.includes("v3") && got.includes("v0"), `v3 (responseTime 1) went: ${got.join(",")}`);
      await store.put("k", answer({ variant: "newer", responseTime: 2 }), long);
      const after = variants(await store.get("k"));
      assert.equal(after.length, MAX_VARIANTS);
      assert.ok(after.includes("newer") && !after.includes("new") && after.includes("v0"), `"new" (500) was the oldest of the others: ${after.join(",")}`);
      assert.equal((await store.stats()).entries, MAX_VARIANTS);
    });

    test("each variant expires after its own keepMs; the key after the last", async () => {
      await store.put("k", answer({ variant: "short" }), { keepMs: 80 });
      await store.put("k", answer({ variant: "long" }), { keepMs: 400 });
      await store.put("other", answer(), { keepMs: 80 });
      assert.deepEqual(variants(await store.get("k")), ["long", "short"]);
      await sleep(150);
      assert.deepEqual(variants(await store.get("k")), ["long"]);
      assert.deepEqual(await store.get("other"), []);
      await sleep(300);
      assert.deepEqual(await store.get("k"), []);
    });

    test("delete removes every variant of a key and says how many", async () => {
      await store.put("k", answer({ variant: "a" }), long);
      await store.put("k", answer({ variant: "b" }), long);
      await store.put("k2", answer(), long);
      assert.equal(await store.delete("k"), 2);
      assert.deepEqual(await store.get("k"), []);
      assert.equal((await store.get("k2")).length, 1);
      assert.equal(await store.delete("k"), 0);
      assert.equal(await store.delete("never"), 0);
    });

    test("purges by tag, route and user remove exactly the variants that carry it, across keys", async () => {
      await store.put("k1", answer({ variant: "a", tags: ["x", "y"] }), long);
      await store.put("k1", answer({ variant: "b", tags: ["y"] }), long);
      await store.put("k2", answer({ tags: ["x"], userId: "usr_1" }), long);
      await store.put("k3", answer({ route: "scores-api", tags: [], userId: "usr_1" }), long);
      await store.put("k4", answer({ route: "scores-api", tags: ["z"], userId: "usr_2" }), long);

      assert.equal(await store.purgeTag("x"), 2);
      assert.deepEqual(variants(await store.get("k1")), ["b"]);
      assert.deepEqual(await store.get("k2"), []);
      assert.equal(await store.purgeTag("x"), 0, "the index went with them");

      assert.equal(await store.purgeUser("usr_1"), 1, "k3 (k2 is gone already)");
      assert.deepEqual(await store.get("k3"), []);
      assert.equal((await store.get("k4")).length, 1);

      assert.equal(await store.purgeRoute("scores-api"), 1);
      assert.deepEqual(await store.get("k4"), []);
      assert.deepEqual(variants(await store.get("k1")), ["b"], "another route's answer stays");
      assert.equal(await store.purgeTag("y"), 1);
      assert.equal(await store.purgeTag("nothing"), 0);
      assert.deepEqual(await store.stats(), { entries: 0, bytes: 0 });
    });

    test("a purge of a tag many keys carry takes them all", async () => {
      await Promise.all(Array.from({ length: 450 }, (_, i) => store.put(`k${i}`, answer({ tags: ["wide", `k${i}`] }), long)));
      assert.equal(await store.purgeTag("wide"), 450);
      assert.deepEqual(await store.stats(), { entries: 0, bytes: 0 });
    });

    test("a variant put again without the tag is no longer purged by it", async () => {
      await store.put("k", answer({ tags: ["old"] }), long);
      await store.put("k", answer({ tags: ["new"] }), long);
      assert.equal(await store.purgeTag("old"), 0);
      assert.equal(await store.purgeTag("new"), 1);
    });

    test("purgeAll removes everything and says how many", async () => {
      await store.put("k1", answer({ variant: "a" }), long);
      await store.put("k1", answer({ variant: "b" }), long);
      await store.put("k2", answer({ userId: "usr_1" }), long);
      assert.equal(await store.purgeAll(), 3);
      assert.deepEqual(await store.get("k1"), []);
      assert.deepEqual(await store.stats(), { entries: 0, bytes: 0 });
      assert.equal(await store.purgeTag("players"), 0);
      await store.put("k1", answer(), long);
      assert.equal((await store.get("k1")).length, 1, "usable after");
    });

    test("stats move with puts, replacements and deletes", async () => {
      assert.deepEqual(await store.stats(), { entries: 0, bytes: 0 });
      await store.put("k", answer({ variant: "a", body: Buffer.alloc(1_000) }), long);
      const one = await store.stats();
      assert.equal(one.entries, 1);
      assert.ok(one.bytes >= 1_000, `bytes ${one.bytes}`);
      await store.put("k", answer({ variant: "b", body: Buffer.alloc(3_000) }), long);
      const two = await store.stats();
      assert.equal(two.entries, 2);
      assert.ok(two.bytes >= one.bytes + 3_000, `bytes ${two.bytes}`);
      await store.put("k", answer({ variant: "b", body: Buffer.alloc(10) }), long);
      assert.equal((await store.stats()).entries, 2);
      assert.ok((await store.stats()).bytes < two.bytes - 2_900, "a replaced variant's bytes go");
      await store.delete("k");
      assert.deepEqual(await store.stats(), { entries: 0, bytes: 0 });
    });

    test("concurrent puts to one key leave a consistent set of variants", async () => {
      const n = MAX_VARIANTS + 8;
      await Promise.all(Array.from({ length: n }, (_, i) => store.put("k", answer({ variant: `v${i}`, body: Buffer.from(`body ${i}`), responseTime: 1_000 + i }), long)));
      const got = await store.get("k");
      assert.equal(got.length, MAX_VARIANTS);
      assert.equal(new Set(variants(got)).size, MAX_VARIANTS);
      for (const r of got) assert.equal(r.body.toString(), `body ${r.variant.slice(1)}`);
      assert.equal((await store.stats()).entries, MAX_VARIANTS);
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.put("k", answer({ variant: "same", body: Buffer.from(`s${i}`) }), long)));
      assert.equal(variants(await store.get("k")).filter((v) => v === "same").length, 1);
    });

    test("an empty body and a 1 MiB body come back byte for byte", async () => {
      await store.put("empty", answer({ status: 204, body: Buffer.alloc(0) }), long);
      const big = randomBytes(1024 * 1024);
      await store.put("big", answer({ body: big }), long);
      const [empty] = await store.get("empty");
      assert.equal(empty!.body.length, 0);
      const [got] = await store.get("big");
      assert.ok(got!.body.equals(big));
    });

    test("neither the caller's buffer nor a returned answer is a way into the store", async () => {
      const body = Buffer.from("original");
      const headers = { "x-list": ["a"] };
      await store.put("k", answer({ body, headers }), long);
      body.fill(0);
      headers["x-list"].push("b");
      const [first] = await store.get("k");
      first!.body.fill(0);
      try {
        (first!.headers["x-list"] as string[]).push("c");
        (first!.tags as string[]).push("t");
      } catch {} // frozen is fine too
      const [again] = await store.get("k");
      assert.equal(again!.body.toString(), "original");
      assert.deepEqual(again!.headers, { "x-list": ["a"] });
      assert.deepEqual(again!.tags, ["players", "player:1"]);
    });
  });
}
