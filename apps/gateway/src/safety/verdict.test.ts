import { test } from "node:test";
import assert from "node:assert/strict";
import type { SafetyScanResult, SafetySignal } from "@tta/safety";
import type { RouteSafety } from "./compile-safety.ts";
import { judgeRequest, judgeScan } from "./verdict.ts";

const policy = (over: Partial<RouteSafety> = {}): RouteSafety => ({ mode: "enforce", crisisResponse: "acknowledge", blocked: ["harassment_hate"], forbidPii: true, maskResponsePii: false, ...over });
const sig = (category: string, severity: SafetySignal["severity"]): SafetySignal => ({ category, severity, rule: `${category}.p1`, match: "words", path: "$.message", raised: false });

function result(over: { crisis?: SafetySignal[]; escalate?: boolean; content?: SafetySignal[]; pii?: Array<"email" | "phone"> } = {}): SafetyScanResult {
  const crisis = over.crisis ?? [];
  return {
    crisis: { detected: crisis.length > 0, severity: crisis[0]?.severity ?? null, categories: [...new Set(crisis.map((s) => s.category))], signals: crisis },
    content: { violations: over.content ?? [] },
    privacy: { pii: (over.pii ?? []).map((kind) => ({ kind, path: "$.message" })) },
    escalate: over.escalate ?? false,
    suppressed: [],
    truncated: false,
    stats: { strings: 1, chars: 10 },
    rulesVersion: "test-1",
  };
}

test("nothing found, or nothing scanned: clean", () => {
  assert.equal(judgeScan(null, policy()).outcome, "clean");
  assert.equal(judgeScan(result(), policy()).outcome, "clean");
  assert.equal(judgeScan(result({ content: [sig("violent_threat", "high")], pii: ["email"] }), policy({ forbidPii: false })).outcome, "clean", "unblocked category, PII allowed");
});

test("an escalating crisis wins over content and privacy, and is never refused", () => {
  const found = result({ crisis: [sig("suicidal_ideation", "critical")], escalate: true, content: [sig("harassment_hate", "medium")], pii: ["email"] });
  const acknowledged = judgeScan(found, policy());
  assert.deepEqual([acknowledged.outcome, acknowledged.eventType, acknowledged.severity, acknowledged.escalated], ["crisis_acknowledged", "suicidal_ideation", "critical", true]);
  assert.equal(judgeScan(found, policy({ crisisResponse: "forward" })).outcome, "crisis_forwarded");
  assert.equal(judgeScan(found, policy({ mode: "monitor" })).outcome, "crisis_forwarded", "monitor never answers in the upstream's place");
});

test("blocked content before PII; a crisis below the escalation severity rides along in the signals", () => {
  const found = result({ crisis: [sig("self_harm", "low")], content: [sig("harassment_hate", "high"), sig("violent_threat", "critical")], pii: ["email"] });
  const refused = judgeScan(found, policy());
  assert.deepEqual([refused.outcome, refused.eventType, refused.severity, refused.escalated], ["content_refused", "content_violation", "high", false]);
  assert.deepEqual(refused.categories, ["harassment_hate"]);
  assert.deepEqual(refused.signals.map((s) => `${s.kind}:${s.category}`), ["content:harassment_hate", "crisis:self_harm"]);
  assert.equal(judgeScan(found, policy({ mode: "monitor" })).outcome, "content_monitored");
});

test("PII where it is forbidden: kinds and masked labels, never values", () => {
  const refused = judgeScan(result({ pii: ["email", "phone", "email"] }), policy());
  assert.deepEqual([refused.outcome, refused.eventType, refused.severity], ["privacy_refused", "privacy_violation", "low"]);
  assert.deepEqual(refused.piiKinds, ["email", "phone"]);
  assert.deepEqual(refused.signals.map((s) => s.match), ["[EMAIL]", "[PHONE]", "[EMAIL]"]);
  assert.equal(judgeScan(result({ pii: ["email"] }), policy({ mode: "monitor" })).outcome, "privacy_monitored");
});

test("a crisis below the escalation severity is recorded, not escalated", () => {
  const recorded = judgeScan(result({ crisis: [sig("self_harm", "low")] }), policy());
  assert.deepEqual([recorded.outcome, recorded.eventType, recorded.escalated], ["crisis_recorded", "self_harm", false]);
});

test("a body that could not be scanned: refused on enforce, escalated for review on monitor; a crisis in what was scanned wins", () => {
  const unscannable = { reason: "content-encoding" as const, message: "m" };
  const refused = judgeRequest({ result: null, unscannable }, policy());
  assert.deepEqual([refused.outcome, refused.eventType, refused.severity, refused.escalated], ["unscannable_refused", "unscannable_body", "low", false]);
  const monitored = judgeRequest({ result: result({ content: [sig("harassment_hate", "high")] }), unscannable }, policy({ mode: "monitor" }));
  assert.deepEqual([monitored.outcome, monitored.escalated, monitored.signals.length], ["unscannable_monitored", true, 1]);
  const crisis = judgeRequest({ result: result({ crisis: [sig("self_harm", "high")], escalate: true }), unscannable: { reason: "truncated", message: "m" } }, policy());
  assert.equal(crisis.outcome, "crisis_acknowledged");
  assert.equal(judgeRequest({ result: result(), unscannable: null }, policy()).outcome, "clean");
});
