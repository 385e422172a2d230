import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_SAFETY_RULES } from "@tta/safety/rules";
import { checkDraft, formatRules } from "./rules-draft.ts";
import { applyFormEdit, errorsAt, valueAt } from "./rules-form-edit.ts";

describe("rules form edits", () => {
  it("adds a phrase to a category, changes its severity and removes it, on a copy", () => {
    const count = DEFAULT_SAFETY_RULES.categories[0]!.phrases!.length;
    let value = applyFormEdit(DEFAULT_SAFETY_RULES, { type: "append", path: ["categories", 0, "phrases"], value: { phrase: "the lighthouse calls me", severity: "high" } });
    assert.equal((valueAt(value, ["categories", 0, "phrases"]) as unknown[]).length, count + 1);
    value = applyFormEdit(value, { type: "set", path: ["categories", 0, "phrases", count, "severity"], value: "critical" });
    assert.deepEqual(valueAt(value, ["categories", 0, "phrases", count]), { phrase: "the lighthouse calls me", severity: "critical" });
    assert.equal(checkDraft(formatRules(value)).kind, "valid");
    value = applyFormEdit(value, { type: "remove", path: ["categories", 0, "phrases", count] });
    assert.equal((valueAt(value, ["categories", 0, "phrases"]) as unknown[]).length, count);
    assert.equal(DEFAULT_SAFETY_RULES.categories[0]!.phrases!.length, count, "the original is not changed");
  });

  it("makes the containers a path needs, and edits the negation cues", () => {
    const value = applyFormEdit({ categories: [{ id: "x" }] }, { type: "set", path: ["categories", 0, "cues", "negation"], value: false });
    assert.deepEqual(value, { categories: [{ id: "x", cues: { negation: false } }] });
    const cues = applyFormEdit(DEFAULT_SAFETY_RULES, { type: "append", path: ["cues", "negation"], value: "nah" });
    assert.equal((valueAt(cues, ["cues", "negation"]) as string[]).at(-1), "nah");
  });

  it("finds the schema's field errors of one rule", () => {
    const broken = applyFormEdit(DEFAULT_SAFETY_RULES, { type: "append", path: ["categories", 1, "phrases"], value: { phrase: "(unclosed", severity: "urgent" } });
    const check = checkDraft(formatRules(broken));
    assert.equal(check.kind, "invalid");
    if (check.kind !== "invalid") return;
    const index = (valueAt(broken, ["categories", 1, "phrases"]) as unknown[]).length - 1;
    const messages = errorsAt(check.errors, ["categories", 1, "phrases", index]);
    assert.ok(messages.some((m) => m.startsWith("severity: ")), JSON.stringify(messages));
    assert.deepEqual(errorsAt(check.errors, ["categories", 0]), []);
  });
});
