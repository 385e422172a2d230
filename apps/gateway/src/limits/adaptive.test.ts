import { test } from "node:test";
import assert from "node:assert/strict";
import { AdaptiveLimits } from "./adaptive.ts";

const thresholds = { latencyMs: 500, errorRate: 0.2, minFactor: 0.25 };

test("the factor halves each second while latency is over the threshold, down to minFactor, then grows back by 0.1 a second", () => {
  let now = 0;
  const a = new AdaptiveLimits(() => now);
  assert.equal(a.factor("p", "chat", thresholds), 1);
  const second = (latencyMs: number, failed = false) => {
    for (let i = 0; i < 20; i++) a.record("chat", latencyMs, failed);
    now += 1_000;
    return a.factor("p", "chat", thresholds);
  };
  assert.deepEqual([second(900), second(900), second(900), second(900)], [0.5, 0.25, 0.25, 0.25]);
  // The slow samples leave the 10 s window gradually; once the mean is under 500 ms it relaxes.
  const relaxed: number[] = [];
  for (let i = 0; i < 14; i++) relaxed.push(+second(50).toFixed(2));
  assert.equal(relaxed.at(-1), 1);
  assert.ok(relaxed.indexOf(1) > 6, `relaxes gently: ${relaxed.join(" ")}`);
});

test("errors tighten too; a few samples are not evidence; other services and policies are separate", () => {
  let now = 0;
  const a = new AdaptiveLimits(() => now);
  a.factor("p", "chat", thresholds);
  for (let i = 0; i < 5; i++) a.record("chat", 10, true);
  now += 1_000;
  assert.equal(a.factor("p", "chat", thresholds), 1, "5 samples: not enough");
  for (let i = 0; i < 10; i++) a.record("chat", 10, i < 3);
  now += 1_000;
  assert.equal(a.factor("p", "chat", thresholds), 0.5, "8 errors in 15");
  assert.equal(a.factor("p", "players", thresholds), 1);
  assert.equal(a.factor("q", "chat", { ...thresholds, errorRate: 0.9 }), 1);
});
