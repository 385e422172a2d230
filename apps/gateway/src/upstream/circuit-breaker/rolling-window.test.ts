import { test } from "node:test";
import assert from "node:assert/strict";
import { RollingWindow } from "./rolling-window.ts";

test("counts by kind over the last ten buckets; a bucket is reused, cleared, when its slot comes round", () => {
  const w = new RollingWindow(10_000); // 1 s buckets
  w.record("success", 500);
  w.record("failure", 1_200);
  w.record("connection_failure", 9_900);
  w.record("reject", 9_950);
  assert.deepEqual(w.totals(9_999), { windowMs: 10_000, successes: 1, failures: 1, connectionFailures: 1, rejects: 1 });
  assert.equal(w.totals(10_000).successes, 0, "the bucket [0, 1000) left the window");
  w.record("success", 10_100); // same slot as 500: cleared first
  assert.deepEqual(w.totals(10_100), { windowMs: 10_000, successes: 1, failures: 1, connectionFailures: 1, rejects: 1 });
  assert.deepEqual(w.totals(30_000), { windowMs: 10_000, successes: 0, failures: 0, connectionFailures: 0, rejects: 0 });
});

test("clear empties it", () => {
  const w = new RollingWindow(1_000);
  for (let t = 0; t < 50; t++) w.record("failure", t * 10);
  assert.equal(w.totals(499).failures, 50);
  w.clear();
  assert.equal(w.totals(499).failures, 0);
});
