import { test } from "node:test";
import assert from "node:assert/strict";
import { InstanceHealth, type HealthChange } from "./instance-health.ts";

const thresholds = { healthyThreshold: 2, unhealthyThreshold: 3 };

function subject() {
  const changes: HealthChange[] = [];
  return { health: new InstanceHealth((c) => changes.push(c)), changes };
}

test("failed checks lower the score; the unhealthy threshold takes it out of rotation; the healthy one brings it back", () => {
  const { health, changes } = subject();
  health.recordCheck(false, "ECONNREFUSED", 1_000, thresholds);
  assert.equal(health.score, 80);
  assert.equal(health.inRotation, true);
  assert.equal(changes.length, 0, "same band: nothing reported");
  health.recordCheck(false, "ECONNREFUSED", 2_000, thresholds);
  assert.equal(health.score, 60);
  assert.equal(changes.length, 1, "healthy -> degraded");
  health.recordCheck(false, "ECONNREFUSED", 3_000, thresholds);
  assert.equal(health.score, 0);
  assert.equal(health.inRotation, false);
  assert.deepEqual(changes[1], { previousScore: 60, score: 0, inRotation: false, reason: "failing health checks (ECONNREFUSED)" });
  assert.deepEqual([health.lastCheckAt, health.lastCheckOk, health.lastCheckError], [3_000, false, "ECONNREFUSED"]);

  health.recordCheck(true, null, 4_000, thresholds);
  assert.equal(health.inRotation, false, "one pass is not enough");
  health.recordCheck(true, null, 5_000, thresholds);
  assert.equal(health.score, 100);
  assert.equal(health.inRotation, true);
  assert.deepEqual(changes[2], { previousScore: 0, score: 100, inRotation: true, reason: "2 health checks passed in a row" });
  assert.equal(health.lastCheckError, null);
});

test("requests without an answer in a row take an instance out of rotation; they age out after the window", () => {
  const { health, changes } = subject();
  for (let i = 0; i < 5; i++) health.recordTraffic("connection_failure", 5, 10_000 + i);
  assert.equal(health.inRotation, false);
  assert.equal(changes.at(-1)!.inRotation, false);
  assert.match(changes.at(-1)!.reason, /5 request\(s\) in a row without an answer/);
  health.refresh(15_000);
  assert.equal(health.inRotation, false);
  health.refresh(20_005);
  assert.equal(health.score, 100);
  assert.equal(health.inRotation, true);
});

test("successes on a healthy instance report nothing", () => {
  const { health, changes } = subject();
  for (let i = 0; i < 100; i++) health.recordTraffic("success", 3, i);
  assert.equal(health.score, 100);
  assert.deepEqual(changes, []);
});

test("5xx answers alone lower the score but never take the instance out of rotation (the breaker decides)", () => {
  const { health } = subject();
  for (let i = 0; i < 50; i++) health.recordTraffic("failure", 5, 10_000 + i);
  assert.equal(health.score, 50, "only the failure ratio counts: 50 x 100%");
  assert.equal(health.inRotation, true);
  health.recordTraffic("connection_failure", 5, 10_100);
  health.recordTraffic("failure", 5, 10_101);
  health.recordTraffic("connection_failure", 5, 10_102);
  assert.equal(health.score, 35, "an answer, even a 5xx one, ends a run of attempts without one");
});
