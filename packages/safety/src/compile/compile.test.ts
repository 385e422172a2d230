import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DEFAULT_SAFETY_RULES } from "../rules/defaults/index.ts";
import { SafetyRulesError } from "../rules/validate.ts";
import { normalizeText } from "../text/normalize.ts";
import { compileSafetyRules } from "./compile.ts";

const rules = compileSafetyRules(DEFAULT_SAFETY_RULES);

describe("compileSafetyRules", () => {
  it("compiles the defaults once into one regex and a literal prefilter per rule", () => {
    assert.equal(rules.version, "default-1");
    const all = rules.categories.flatMap((c) => c.rules);
    assert.ok(all.length > 100);
    const parts = all.flatMap((r) => r.parts);
    assert.ok(parts.every((p) => p.regex.global));
    assert.ok(parts.filter((p) => p.items.length > 0).length / parts.length > 0.95, "almost every part has a prefilter");
  });
  it("orders rules most severe first and marks phrases that carry their own negation as not negatable", () => {
    const si = rules.categories.find((c) => c.id === "suicidal_ideation")!;
    assert.equal(si.rules[0]!.severity, "critical");
    const matching = (text: string) => si.rules.find((r) => r.parts.some((p) => ((p.regex.lastIndex = 0), p.regex.test(text))))!;
    assert.equal(matching("i don't want to live").negatable, false);
    const thinking = matching("i can't stop thinking about killing myself");
    assert.equal(thinking.negatable, true, "can't stop is an exception, not a negation");
  });
  it("never filters out a rule that would match (prefilter soundness on the eval set and variants)", () => {
    const lines = readFileSync(new URL("../../test-data/eval.jsonl", import.meta.url), "utf8").trim().split("\n").map((l) => JSON.parse(l).text as string);
    const extra = ["killmyself tonite", "i wnat 2 d i e", "sh urges r bad", "my step dad hit's me", "i'm g0nna k1ll mys3lf"];
    let matched = 0;
    for (const raw of [...lines, ...extra]) {
      const text = normalizeText(raw);
      const candidates = new Set(rules.prefilter.candidates(text));
      for (const rule of rules.categories.flatMap((c) => c.rules)) {
        for (const part of rule.parts) {
          part.regex.lastIndex = 0;
          if (!part.regex.test(text)) continue;
          matched++;
          assert.ok(candidates.has(part.id), `${rule.id} matches ${JSON.stringify(text)} but its prefilter says no`);
        }
      }
    }
    assert.ok(matched > 150);
  });
  it("refuses an invalid rule set with its field errors", () => {
    assert.throws(() => compileSafetyRules({ schemaVersion: 1 }), SafetyRulesError);
  });
});
