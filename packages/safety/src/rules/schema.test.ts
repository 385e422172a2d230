import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_SAFETY_RULES } from "./defaults/index.ts";
import type { TSafetyRulesInput } from "./schema.ts";
import { parseSafetyRules, SafetyRulesError, validateSafetyRules } from "./validate.ts";

const base = (): TSafetyRulesInput => ({
  schemaVersion: 1,
  version: "test-1",
  lexicon: { self: ["myself", "my self"] },
  cues: { negation: ["not"] },
  categories: [{ id: "self_harm", kind: "crisis", label: "Self-harm", phrases: [{ phrase: "hurt+ [self]", severity: "high" }] }],
});

// Tests break rule sets on purpose: the mutator works on an untyped copy.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = any;

function errorsOf(mutate: (r: Untyped) => void) {
  const rules: Untyped = structuredClone(base());
  mutate(rules);
  const check = validateSafetyRules(rules);
  assert.equal(check.ok, false, "expected the rule set to be refused");
  return check.ok ? [] : check.errors;
}

const hasError = (errors: { path: string; message: string }[], path: string, message: RegExp) =>
  assert.ok(
    errors.some((e) => e.path === path && message.test(e.message)),
    `no error at ${path} matching ${message}; got ${JSON.stringify(errors)}`,
  );

describe("ZSafetyRules", () => {
  it("accepts the default rule set, fills defaults", () => {
    const rules = parseSafetyRules(DEFAULT_SAFETY_RULES);
    assert.equal(rules.categories.length, 9);
    const minimal = parseSafetyRules(base());
    assert.equal(minimal.escalation.minSeverity, "medium");
    assert.deepEqual(minimal.categories[0]!.cues, { negation: true, framing: true, historical: true, fictionScope: "sentence" });
  });
  it("refuses phrases that do not parse or name an unknown class, at the phrase's path", () => {
    hasError(errorsOf((r) => (r.categories[0].phrases[0].phrase = "hurt+ (myself")), "categories.0.phrases.0.phrase", /missing "\)"/);
    hasError(errorsOf((r) => (r.categories[0].phrases[0].phrase = "hurt+ [selff]")), "categories.0.phrases.0.phrase", /unknown word class \[selff\]/);
    hasError(errorsOf((r) => (r.categories[0].idioms = ["cut+ ~"])), "categories.0.idioms.0", /needs a number/);
    hasError(errorsOf((r) => (r.cues.negation = ["not", "(never"])), "cues.negation.1", /missing/);
  });
  it("refuses lexicon cycles and bad class names", () => {
    hasError(errorsOf((r) => (r.lexicon = { a: ["x [b]"], b: ["y [a]"] })), "lexicon.a", /refers to itself/);
    hasError(errorsOf((r) => (r.lexicon = { "Bad-Name": ["x"] })), "lexicon.Bad-Name", /class names/);
  });
  it("refuses regex patterns that do not compile, renumber groups or can backtrack badly", () => {
    const pattern = (p: string) => errorsOf((r) => (r.categories[0].patterns = [{ pattern: p, severity: "low" }]));
    hasError(pattern("(unclosed"), "categories.0.patterns.0.pattern", /not a valid regular expression/);
    hasError(pattern("(a)\\1"), "categories.0.patterns.0.pattern", /backreferences/);
    hasError(pattern("(?<name>x)"), "categories.0.patterns.0.pattern", /named groups/);
    hasError(pattern("(a+)+b"), "categories.0.patterns.0.pattern", /nested quantifiers/);
    hasError(pattern("x?"), "categories.0.patterns.0.pattern", /empty text/);
    hasError(pattern("Kill"), "categories.0.patterns.0.pattern", /lower case/);
  });
  it("refuses duplicate ids, empty categories, bad severities and missing fields", () => {
    hasError(errorsOf((r) => r.categories.push({ ...r.categories[0] })), "categories.1.id", /duplicate category id/);
    hasError(
      errorsOf((r) => {
        r.categories[0].phrases = [{ id: "x", phrase: "a b", severity: "low" }, { id: "x", phrase: "c d", severity: "low" }];
      }),
      "categories.0.phrases.1.id",
      /duplicate rule id "x"/,
    );
    hasError(errorsOf((r) => (r.categories[0].phrases = [])), "categories.0.phrases", /at least one phrase or pattern/);
    hasError(errorsOf((r) => (r.categories[0].phrases[0].severity = "urgent")), "categories.0.phrases.0.severity", /./);
    hasError(errorsOf((r) => delete r.version), "version", /./);
    hasError(errorsOf((r) => (r.schemaVersion = 2)), "schemaVersion", /./);
    hasError(errorsOf((r) => (r.categories[0].kind = "other")), "categories.0.kind", /./);
  });
  it("throws SafetyRulesError listing the field errors", () => {
    assert.throws(
      () => parseSafetyRules({ ...base(), categories: [] }),
      (e: unknown) => e instanceof SafetyRulesError && e.errors[0]!.path === "categories" && /invalid safety rules: categories/.test(e.message),
    );
  });
});
