import assert from "node:assert/strict";
import { test } from "node:test";
import { AVAILABILITY_LABEL, formatAge, forcedLabel, healthBand, rollingSummary, timeTicks } from "./format.ts";
import { breakerTestId, gatewayTestId, instanceTestId, sanitiseForTestId } from "./test-ids.ts";

test("ages read as people say them", () => {
  const now = 1_800_000_000_000;
  assert.equal(formatAge(now + 500, now), "now", "a clock a little ahead is not negative");
  assert.equal(formatAge(now - 400, now), "now");
  assert.equal(formatAge(now - 4_000, now), "4 s ago");
  assert.equal(formatAge(now - 3 * 60_000, now), "3 min ago");
  assert.equal(formatAge(now - 2 * 3_600_000, now), "2 h ago");
});

test("health bands follow the rotation rule (under 30 is out)", () => {
  assert.deepEqual([100, 70, 69, 30, 29, 0].map(healthBand), ["good", "good", "degraded", "degraded", "bad", "bad"]);
});

test("a forced breaker is marked, a free one is not", () => {
  assert.equal(forcedLabel("none"), null);
  assert.deepEqual(forcedLabel("open"), { short: "forced", long: "forced open by an operator" });
});

test("chart ticks fall on round times: 15 s for a minute, a minute for five", () => {
  const base = 1_800_000_000_000; // a whole minute
  assert.deepEqual(timeTicks(base - 60_000 + 1, base), [base - 45_000, base - 30_000, base - 15_000, base]);
  const five = timeTicks(base - 300_000, base);
  assert.equal(five.length, 6);
  assert.ok(five.every((t) => t % 60_000 === 0));
});

test("test ids: lower case, one dash per run of other characters, no dash at the ends", () => {
  assert.equal(sanitiseForTestId("http://127.0.0.1:4102"), "http-127-0-0-1-4102");
  assert.equal(sanitiseForTestId("https://[::1]:443/"), "https-1-443");
  assert.equal(instanceTestId("players", "http://127.0.0.1:4102"), "instance-players-http-127-0-0-1-4102");
  assert.equal(breakerTestId("players", "http://127.0.0.1:4102", "GW_a.1"), "breaker-players-http-127-0-0-1-4102-gw-a-1");
  assert.equal(gatewayTestId("vm-6961"), "gateway-vm-6961");
});

test("in rotation with an open breaker reads as such; the rolling window in words", () => {
  assert.equal(AVAILABILITY_LABEL.breaker_open, "In rotation, breaker open");
  assert.notEqual(AVAILABILITY_LABEL.breaker_open, AVAILABILITY_LABEL.serving);
  assert.equal(rollingSummary({ windowMs: 10_000, successes: 18, failures: 2, connectionFailures: 1, rejects: 4 }), "last 10 s: 18 ok, 2 5xx, 1 no answer, 4 refused");
});
