import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileSafetyRules } from "../compile/compile.ts";
import { DEFAULT_SAFETY_RULES } from "../rules/defaults/index.ts";
import { scan } from "../scan/scan.ts";
import { combineCrisis, type ModelFinding } from "./combine.ts";
import type { ClassifierVerdict } from "./types.ts";

const rules = compileSafetyRules(DEFAULT_SAFETY_RULES);
const finding = (verdict: ClassifierVerdict, path = "$"): ModelFinding => ({ path, classifier: "test", verdict });
const ok = (category: "self_harm" | "suicidal_ideation" | "medical_emergency", score: number, review = false): ClassifierVerdict => ({ status: "ok", categories: [{ category, score }], review, evidence: "the words jo@example.org" });

describe("rules + classifier", () => {
  it("a model-only crisis escalates at high, source model, its evidence masked", () => {
    const r = combineCrisis(scan("calm words", rules), [finding(ok("medical_emergency", 0.97))], "medium");
    assert.equal(r.escalate, true);
    assert.equal(r.crisis.severity, "high");
    assert.deepEqual(r.crisis.categories, ["medical_emergency"]);
    const [s] = r.crisis.signals;
    assert.deepEqual([s!.source, s!.review, s!.rule, s!.match], ["model", false, "model:test:0.97", "the words [EMAIL]"]);
  });
  it("an unsure model escalates at the rule set's escalation severity, marked review", () => {
    const r = combineCrisis(scan("calm words", rules), [finding(ok("self_harm", 0.2, true))], "medium");
    assert.deepEqual([r.escalate, r.crisis.severity, r.crisis.signals[0]!.review, r.crisis.signals[0]!.rule], [true, "medium", true, "model:test:review:0.20"]);
  });
  it("a classifier that could not answer is an 'unclassified' review signal", () => {
    const r = combineCrisis(scan("calm words", rules), [finding({ status: "unavailable", reason: "timeout after 300 ms" })], "medium");
    assert.deepEqual(r.crisis.signals.map((s) => [s.category, s.severity, s.review, s.match]), [["unclassified", "medium", true, "timeout after 300 ms"]]);
    assert.equal(r.escalate, true);
  });
  it("both found it: the rule's signal is kept, marked both, at the higher severity; other strings stay apart", () => {
    const rulesOnly = scan("I want to kill myself tonight", rules);
    const r = combineCrisis(rulesOnly, [finding(ok("suicidal_ideation", 0.99)), finding(ok("self_harm", 0.9), "$.other")], "medium");
    const si = r.crisis.signals.filter((s) => s.category === "suicidal_ideation");
    assert.ok(si.length >= 1 && si.every((s) => s.source === "both" && s.rule.startsWith("suicidal_ideation.")));
    assert.equal(r.crisis.signals.find((s) => s.path === "$.other")?.source, "model");
    assert.equal(r.crisis.severity, rulesOnly.crisis.severity);
  });
  it("a model-only crisis in words the rules judge abuse aimed at someone else is kept at low, for review: the content policy answers", () => {
    const base = scan("you are a worthless idiot, go die", rules);
    assert.ok(base.content.violations.some((v) => v.category === "harassment_hate"));
    const r = combineCrisis(base, [finding(ok("suicidal_ideation", 0.95))], "medium");
    assert.equal(r.escalate, false);
    assert.deepEqual(r.crisis.signals.map((s) => [s.category, s.severity, s.review, s.source]), [["suicidal_ideation", "low", true, "model"]]);
  });
  it("a model-only crisis the rules judged negated in the same string escalates at the escalation severity, for review", () => {
    const base = scan("I'm not going to kill myself, don't worry", rules);
    assert.ok(base.suppressed.some((s) => s.reason === "negated" && s.category === "suicidal_ideation"));
    const r = combineCrisis(base, [finding(ok("suicidal_ideation", 0.9))], "medium");
    assert.deepEqual([r.escalate, r.crisis.signals[0]!.severity, r.crisis.signals[0]!.review], [true, "medium", true]);
  });
  it("rule signals alone are marked source rule; no findings change nothing else", () => {
    const base = scan("I want to kill myself tonight", rules);
    const r = combineCrisis(base, [], "medium");
    assert.deepEqual([r.escalate, r.crisis.severity], [base.escalate, base.crisis.severity]);
    assert.ok(r.crisis.signals.every((s) => s.source === "rule"));
  });
});
