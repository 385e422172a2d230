// What every RateLimitStore must do, run against each implementation (rate-limit.int.test.ts).
// Real time, short windows: the Redis store takes its clock from Redis, so no clock can be faked.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { RateLimitRequest, RateLimitStore } from "./interface.ts";

export interface RateLimitStoreUnderTest {
  store: RateLimitStore;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function rateLimitContract(name: string, make: () => Promise<RateLimitStoreUnderTest>): void {
  describe(`rate-limit store contract: ${name}`, () => {
    let subject: RateLimitStoreUnderTest;
    let store: RateLimitStore;
    const key = () => `ratelimit:user:${randomBytes(4).toString("hex")}:players-api`;
    const take = (r: RateLimitRequest, n: number) => Promise.all(Array.from({ length: n }, () => store.take(r)));

    before(async () => {
      subject = await make();
      store = subject.store;
    });
    after(() => subject.close());

    test("a fresh bucket lets exactly limit + burst through at once, counting down, then refuses", async () => {
      const r = { key: key(), limit: 3, windowMs: 60_000, burst: 2 };
      const seen = [];
      for (let i = 0; i < 6; i++) seen.push(await store.take(r));
      assert.deepEqual(seen.map((d) => d.allowed), [true, true, true, true, true, false]);
      assert.deepEqual(seen.map((d) => d.remaining), [4, 3, 2, 1, 0, 0]);
      const refused = seen[5]!;
      // One request comes back every window / limit = 20 s.
      assert.ok(refused.retryAfterMs > 19_000 && refused.retryAfterMs <= 20_000, `retryAfterMs ${refused.retryAfterMs}`);
      assert.ok(refused.resetMs > 99_000 && refused.resetMs <= 100_000, `resetMs ${refused.resetMs}`);
      assert.equal(seen[0]!.retryAfterMs, 0);
      assert.ok(seen[0]!.resetMs > 19_000 && seen[0]!.resetMs <= 20_000, `resetMs after one ${seen[0]!.resetMs}`);
    });

    test("concurrent requests on one key: exactly the capacity passes", async () => {
      const r = { key: key(), limit: 20, windowMs: 3_600_000, burst: 0 };
      const decisions = await take(r, 60);
      assert.equal(decisions.filter((d) => d.allowed).length, 20);
      assert.deepEqual(decisions.filter((d) => d.allowed).map((d) => d.remaining).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
    });

    test("the bucket refills at limit per window", async () => {
      const r = { key: key(), limit: 10, windowMs: 1_000, burst: 0 }; // one request per 100 ms
      assert.equal((await take(r, 12)).filter((d) => d.allowed).length, 10);
      const refused = await store.take(r);
      assert.equal(refused.allowed, false);
      await sleep(refused.retryAfterMs + 20);
      assert.equal((await store.take(r)).allowed, true, "one request back after retryAfterMs");
      assert.equal((await store.take(r)).allowed, false, "and only one");
      await sleep(1_050);
      assert.equal((await take(r, 12)).filter((d) => d.allowed).length, 10, "full again after a window");
    });

    test("keys are independent", async () => {
      const a = { key: key(), limit: 1, windowMs: 60_000, burst: 0 };
      const b = { ...a, key: key() };
      assert.equal((await store.take(a)).allowed, true);
      assert.equal((await store.take(a)).allowed, false);
      assert.equal((await store.take(b)).allowed, true);
    });

    test("a changed limit applies at once; what was used carries over as time, not as a count", async () => {
      const k = key();
      assert.equal((await take({ key: k, limit: 10, windowMs: 60_000, burst: 0 }, 4)).every((d) => d.allowed), true);
      // 4 requests at 6 s each = 24 s of a 60 s bucket used; at 4 per 60 s (15 s each) 36 s are left: 2 requests.
      const tighter = { key: k, limit: 4, windowMs: 60_000, burst: 0 };
      assert.deepEqual((await take(tighter, 4)).map((d) => d.allowed).sort(), [false, false, true, true]);
      assert.equal((await store.take({ key: k, limit: 100, windowMs: 60_000, burst: 0 })).allowed, true, "a looser limit lets more through");
    });
  });
}
