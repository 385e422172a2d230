import { test } from "node:test";
import assert from "node:assert/strict";
import { band, healthScore } from "./health-score.ts";

const calm = { consecutiveFailures: 0, samples: 0, failureRatio: 0, latencyMs: null };

test("a healthy instance scores 100; a down one 0 whatever its traffic says", () => {
  assert.deepEqual(healthScore({ down: false, failedChecksInARow: 0, lastCheckError: null, passive: calm }), { score: 100, reason: "healthy" });
  const down = healthScore({ down: true, failedChecksInARow: 0, lastCheckError: "ECONNREFUSED", passive: calm });
  assert.equal(down.score, 0);
  assert.match(down.reason, /ECONNREFUSED/);
});

test("penalties add up and the largest one gives the reason", () => {
  const one = healthScore({ down: false, failedChecksInARow: 1, lastCheckError: "HTTP 500", passive: calm });
  assert.equal(one.score, 80);
  assert.match(one.reason, /1 failed health check/);
  const traffic = healthScore({ down: false, failedChecksInARow: 0, lastCheckError: null, passive: { consecutiveFailures: 5, samples: 5, failureRatio: 1, latencyMs: 20 } });
  assert.equal(traffic.score, 0);
  assert.match(traffic.reason, /5 request\(s\) in a row without an answer/);
  const ratio = healthScore({ down: false, failedChecksInARow: 0, lastCheckError: null, passive: { consecutiveFailures: 0, samples: 10, failureRatio: 0.4, latencyMs: 1_500 } });
  assert.equal(ratio.score, 100 - 20 - 10);
  assert.match(ratio.reason, /40% of requests failed/);
  const fewSamples = healthScore({ down: false, failedChecksInARow: 0, lastCheckError: null, passive: { consecutiveFailures: 0, samples: 4, failureRatio: 0.5, latencyMs: 3_500 } });
  assert.equal(fewSamples.score, 80, "the ratio needs 5 samples; 3.5 s average costs 20");
});

test("bands", () => {
  assert.deepEqual([100, 70, 69, 30, 29, 0].map(band), ["healthy", "healthy", "degraded", "degraded", "unhealthy", "unhealthy"]);
});
