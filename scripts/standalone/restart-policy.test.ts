import assert from "node:assert/strict";
import { test } from "node:test";
import { createRestartTracker } from "./restart-policy.ts";

const policy = { baseMs: 1_000, capMs: 8_000, stableMs: 10_000, maxFastExits: 6 };

test("fast exits back off exponentially up to the cap, each restart counted", () => {
  const t = createRestartTracker(policy);
  const delays = [1, 2, 3, 4, 5].map(() => t.exited(100));
  assert.deepEqual(delays, [
    { action: "restart", delayMs: 1_000, restart: 1 },
    { action: "restart", delayMs: 2_000, restart: 2 },
    { action: "restart", delayMs: 4_000, restart: 3 },
    { action: "restart", delayMs: 8_000, restart: 4 },
    { action: "restart", delayMs: 8_000, restart: 5 },
  ]);
  assert.equal(t.restarts, 5);
});

test("a child that keeps dying very fast is given up on", () => {
  const t = createRestartTracker(policy);
  for (let i = 0; i < 5; i++) assert.equal(t.exited(50).action, "restart");
  assert.deepEqual(t.exited(50), { action: "give-up", fastExits: 6 });
});

test("a stable run starts the backoff over and the streak too; the restart count keeps growing", () => {
  const t = createRestartTracker(policy);
  for (let i = 0; i < 5; i++) t.exited(50);
  assert.deepEqual(t.exited(60_000), { action: "restart", delayMs: 1_000, restart: 6 });
  for (let i = 0; i < 4; i++) assert.equal(t.exited(50).action, "restart");
  assert.equal(t.exited(50).action, "give-up");
});
