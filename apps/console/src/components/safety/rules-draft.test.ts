import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_SAFETY_RULES } from "@tta/safety/rules";
import { applyEdit, checkDraft, formatRules, summarize } from "./rules-draft.ts";

describe("rules draft", () => {
  it("says where the JSON breaks", () => {
    const check = checkDraft('{\n  "version": "x",\n  oops\n}');
    assert.equal(check.kind, "json-error");
    if (check.kind === "json-error") assert.match(check.message, /line 3/);
  });

  it("reports the rule set's own field errors, and accepts the defaults", () => {
    assert.equal(checkDraft(formatRules(DEFAULT_SAFETY_RULES)).kind, "valid");
    const broken = structuredClone(DEFAULT_SAFETY_RULES);
    broken.categories[2]!.phrases![1]!.phrase = "(unclosed";
    const check = checkDraft(formatRules(broken));
    assert.equal(check.kind, "invalid");
    if (check.kind === "invalid") assert.ok(check.errors.some((e) => e.path === "categories.2.phrases.1.phrase"), JSON.stringify(check.errors));
  });

  it("summarizes the categories and edits version, escalation severity and a category's switch", () => {
    const summary = summarize(DEFAULT_SAFETY_RULES)!;
    assert.equal(summary.version, "default-1");
    assert.equal(summary.minSeverity, "medium");
    assert.equal(summary.categories[0]!.id, "suicidal_ideation");
    assert.ok(summary.categories[0]!.phrases > 10);
    let value: unknown = applyEdit(DEFAULT_SAFETY_RULES, { type: "version", value: "team-2" });
    value = applyEdit(value, { type: "minSeverity", value: "high" });
    value = applyEdit(value, { type: "enabled", index: 5, value: false });
    const after = summarize(value)!;
    assert.deepEqual([after.version, after.minSeverity, after.categories[5]!.enabled], ["team-2", "high", false]);
    assert.equal(DEFAULT_SAFETY_RULES.version, "default-1", "the original is not changed");
    assert.equal(checkDraft(formatRules(value)).kind, "valid");
    assert.equal(summarize([1, 2]), null);
  });
});
