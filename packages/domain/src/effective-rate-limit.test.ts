import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { effectiveRateLimit, isTherapeuticRequest } from "./effective-rate-limit.ts";

const policy = { limit: 100, burst: 20, therapeuticMultiplier: 1.5 };

describe("effectiveRateLimit", () => {
  it("gives therapeutic requests the multiplier, others the policy's own numbers", () => {
    assert.deepEqual(effectiveRateLimit(policy, { therapeutic: true }), { limit: 150, burst: 30, factor: 1.5 });
    assert.deepEqual(effectiveRateLimit(policy, { therapeutic: false }), { limit: 100, burst: 20, factor: 1 });
  });

  it("multiplies by the adaptive factor too, rounds down and never goes below 1", () => {
    assert.deepEqual(effectiveRateLimit(policy, { therapeutic: true, adaptiveFactor: 0.25 }), { limit: 37, burst: 7, factor: 0.375 });
    assert.equal(effectiveRateLimit({ limit: 1, burst: 0, therapeuticMultiplier: 1 }, { therapeutic: false, adaptiveFactor: 0.01 }).limit, 1);
    assert.equal(effectiveRateLimit({ limit: 7, burst: 0, therapeuticMultiplier: 1.3 }, { therapeutic: true }).limit, 9);
  });

  it("counts a request as therapeutic by its priority or its token's therapeutic session", () => {
    assert.equal(isTherapeuticRequest("standard", false), false);
    assert.equal(isTherapeuticRequest("standard", true), true);
    assert.equal(isTherapeuticRequest("therapeutic", false), true);
    assert.equal(isTherapeuticRequest("crisis", false), true);
  });
});
