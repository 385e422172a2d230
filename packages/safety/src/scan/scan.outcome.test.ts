import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scan } from "./scan.ts";
import { rules } from "./test-rules.ts";

describe("scan: outcome", () => {
  it("reports severity, categories, signals with rule, masked match and path", () => {
    const r = scan("i want to die", rules);
    assert.equal(r.crisis.detected, true);
    assert.equal(r.crisis.severity, "high");
    assert.deepEqual(r.crisis.categories, ["suicidal_ideation"]);
    const { rule, ...signal } = r.crisis.signals[0]!;
    assert.match(rule, /^suicidal_ideation\.p\d+$/);
    assert.deepEqual(signal, { category: "suicidal_ideation", severity: "high", match: "i want to die", path: "$", raised: false });
    assert.equal(r.escalate, true);
    assert.equal(r.rulesVersion, "default-1");
  });
  it("plan, means or timing cues raise the severity one step", () => {
    const r = scan("i want to die, i have pills saved", rules);
    assert.equal(r.crisis.severity, "critical");
    assert.equal(r.crisis.signals[0]!.raised, true);
  });
  it("escalates at the rule set's minimum severity; a low signal is reported, not escalated", () => {
    const r = scan("shut up you stupid idiot", rules);
    assert.equal(r.crisis.detected, false);
    assert.equal(r.escalate, false);
    assert.deepEqual(r.content.violations.map((v) => [v.category, v.severity]), [["harassment_hate", "low"]]);
  });
  it("several categories at once, most severe first", () => {
    const r = scan("I took a whole bottle of pills and I can't breathe", rules);
    assert.deepEqual(new Set(r.crisis.categories), new Set(["medical_emergency", "suicidal_ideation"]));
    assert.equal(r.crisis.severity, "critical");
  });
  it("content violations and privacy findings, kinds and paths only (no values)", () => {
    const r = scan({ to: "player 2", text: "kys loser", contact: "mail me at sam@example.org or call 555-123-4567" }, rules);
    assert.deepEqual(r.content.violations.map((v) => [v.category, v.path]), [["self_harm_encouragement", "$.text"]]);
    assert.deepEqual(r.privacy.pii, [
      { kind: "email", path: "$.contact" },
      { kind: "phone", path: "$.contact" },
    ]);
    assert.ok(!JSON.stringify(r).includes("sam@example.org"));
  });
  it("PII in a matched phrase is masked in the signal", () => {
    const r = scan("my dad hits me, his email is dad@example.com", rules);
    assert.ok(r.crisis.signals.every((s) => !s.match.includes("@")));
  });
  it("limits to the categories asked for, and can skip PII", () => {
    const r = scan("kys, I want to die, 555-123-4567", rules, { categories: ["self_harm_encouragement"], privacy: false });
    assert.equal(r.crisis.detected, false);
    assert.equal(r.content.violations.length, 1);
    assert.deepEqual(r.privacy.pii, []);
  });
});
