import assert from "node:assert/strict";
import { test } from "node:test";
import { backoffDelay, sleep } from "./backoff.ts";

test("full jitter: a draw in [0, min(max, base * 2^attempt)]", () => {
  const top = () => 0.999999;
  assert.deepEqual([0, 1, 2, 3].map((n) => backoffDelay(n, { baseMs: 100, maxMs: 1_000, random: top })), [99, 199, 399, 799]);
  assert.equal(backoffDelay(10, { baseMs: 100, maxMs: 1_000, random: top }), 999, "the ceiling stops growing at maxMs");
  assert.equal(backoffDelay(5_000, { random: top }), 14_999, "a huge attempt count does not overflow");
  assert.equal(backoffDelay(3, { random: () => 0 }), 0);
  for (let i = 0; i < 200; i++) {
    const d = backoffDelay(4, { baseMs: 10, maxMs: 100 });
    assert.ok(d >= 0 && d < 100 && Number.isInteger(d));
  }
});

test("sleep: resolves true when the time is up, false at once when aborted", async () => {
  assert.equal(await sleep(5, new AbortController().signal), true);
  const abort = new AbortController();
  const started = Date.now();
  const waiting = sleep(10_000, abort.signal);
  abort.abort();
  assert.equal(await waiting, false);
  assert.ok(Date.now() - started < 1_000);
  assert.equal(await sleep(10_000, abort.signal), false, "an aborted signal does not wait at all");
});
