import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_SAFETY_RULES } from "./defaults/index.ts";
import { checkSnapshotSafety } from "./snapshot-check.ts";

test("null rules are the defaults: their content categories may be blocked, crisis and unknown ones not", () => {
  assert.deepEqual(checkSnapshotSafety({ safetyRules: null, routes: [{ blockedCategories: ["violent_threat", "sexual_minors"] }] }), []);
  const errors = checkSnapshotSafety({ safetyRules: null, routes: [{ blockedCategories: [] }, { blockedCategories: ["self_harm", "spam"] }] });
  assert.deepEqual(errors.map((e) => e.path), ["routes.1.blockedCategories.0", "routes.1.blockedCategories.1"]);
});

test("a rule set that does not validate reports its errors under safetyRules.*", () => {
  const broken = { ...DEFAULT_SAFETY_RULES, version: "", categories: [] };
  const paths = checkSnapshotSafety({ safetyRules: broken, routes: [] }).map((e) => e.path);
  assert.ok(paths.includes("safetyRules.version") && paths.includes("safetyRules.categories"), paths.join(", "));
});

test("published rules decide which categories exist", () => {
  const rules = { ...DEFAULT_SAFETY_RULES, categories: DEFAULT_SAFETY_RULES.categories.filter((c) => c.id !== "violent_threat") };
  assert.deepEqual(checkSnapshotSafety({ safetyRules: rules, routes: [{ blockedCategories: ["violent_threat"] }] }).map((e) => e.path), ["routes.0.blockedCategories.0"]);
});
