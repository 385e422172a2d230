import { test } from "node:test";
import assert from "node:assert/strict";
import { createLocalRateLimitStore } from "./local.ts";

test("with a clock of its own: refills per interval, forgets full buckets, and stays bounded", async () => {
  let now = 1_000_000;
  const store = createLocalRateLimitStore({ now: () => now, maxKeys: 3, sweepEveryMs: 3_600_000 });
  const r = { key: "ratelimit:ip:1.2.3.4:a", limit: 2, windowMs: 1_000, burst: 1 };
  assert.deepEqual((await Promise.all([1, 2, 3, 4].map(() => store.take(r)))).map((d) => d.allowed), [true, true, true, false]);
  now += 499;
  assert.equal((await store.take(r)).allowed, false);
  now += 1;
  assert.equal((await store.take(r)).allowed, true, "one back after 500 ms (2 per second)");

  for (const k of ["b", "c", "d"]) await store.take({ ...r, key: `ratelimit:ip:1.2.3.4:${k}` });
  assert.equal(store.size(), 3, "the oldest key made room");
  now += 10_000;
  await store.take({ ...r, key: "ratelimit:ip:1.2.3.4:e" });
  assert.equal(store.size(), 1, "over the bound, buckets that are full again were swept first");
  await store.close();
});
