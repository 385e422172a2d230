import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { effectiveRateLimit } from "@tta/domain";
import { effectiveLimitRows, type PolicyNumbers } from "./effective-limits.ts";

const policy: PolicyNumbers = {
  limit: 100,
  windowSeconds: 60,
  burst: 20,
  therapeuticMultiplier: 1.5,
  crisisBypass: true,
  crisisAllowance: 5,
  crisisWindowSeconds: 600,
  adaptive: { enabled: false, minFactor: 0.25 },
};
const byKey = (rows: ReturnType<typeof effectiveLimitRows>) => Object.fromEntries(rows.map((r) => [r.key, `${r.who}: ${r.text}`]));

describe("effectiveLimitRows", () => {
  it("explains every case of a policy, with the gateway's numbers", () => {
    const rows = byKey(effectiveLimitRows(policy));
    assert.equal(rows.standard, "requests on standard routes: 100 / 60 s, burst 20");
    assert.equal(rows.therapeutic, "players on therapeutic routes: 150 / 60 s (×1.5), burst 30");
    assert.match(rows.crisis!, /up to 5 per 600 s/);
    assert.equal(rows.adaptive, undefined);
    const therapeutic = effectiveLimitRows(policy).find((r) => r.key === "therapeutic")!;
    assert.equal(therapeutic.limit, effectiveRateLimit(policy, { therapeutic: true }).limit);
  });

  it("on a route, shows only its service's cases", () => {
    assert.deepEqual(effectiveLimitRows(policy, { service: "chat", priority: "therapeutic" }).map((r) => [r.key, r.limit]), [["therapeutic", 150], ["crisis", null]]);
    assert.deepEqual(effectiveLimitRows(policy, { service: "players", priority: "standard" }).map((r) => [r.key, r.limit]), [["standard", 100], ["session", 150], ["crisis", null]]);
    assert.deepEqual(effectiveLimitRows(policy, { service: "help", priority: "crisis" }).map((r) => r.text), ["not limited (crisis bypass)"]);
    const noBypass = { ...policy, crisisBypass: false };
    assert.deepEqual(effectiveLimitRows(noBypass, { service: "help", priority: "crisis" }).map((r) => r.limit), [150, 150]);
  });

  it("gives the lowest limit of an adaptive policy", () => {
    const adaptive = { ...policy, adaptive: { enabled: true, minFactor: 0.25 } };
    assert.equal(byKey(effectiveLimitRows(adaptive)).adaptive, "at the lowest, while the upstream is slow or failing: 25 / 60 s (×0.25), burst 5");
    assert.match(byKey(effectiveLimitRows(adaptive, { service: "chat", priority: "therapeutic" })).adaptive!, /^.*: 37 \/ 60 s \(×0.375\), burst 7$/);
  });
});
