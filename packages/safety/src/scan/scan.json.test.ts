import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatPath } from "./collect.ts";
import { scan } from "./scan.ts";
import { rules } from "./test-rules.ts";

describe("scan: JSON bodies", () => {
  it("walks string fields at any depth and reports their paths", () => {
    const body = { session: "s1", messages: [{ role: "user", content: "hi" }, { role: "user", content: "i want to kill myself" }], meta: { n: 3, ok: true } };
    const r = scan(body, rules);
    assert.deepEqual(r.crisis.signals.map((s) => s.path), ["$.messages[1].content"]);
    assert.equal(r.stats.strings, 5);
  });
  it("formats odd keys safely", () => {
    assert.equal(formatPath(["a b", 0, "x"]), '$["a b"][0].x');
  });
  it("finds PII in large integers (a card number sent as a number)", () => {
    const r = scan({ card: 4111111111111111 }, rules);
    assert.deepEqual(r.privacy.pii, [{ kind: "card", path: "$.card" }]);
  });
  it("stops at the depth limit and says so", () => {
    let deep: unknown = "i want to die";
    for (let i = 0; i < 50; i++) deep = { next: deep };
    const r = scan(deep, rules, { maxDepth: 10 });
    assert.equal(r.truncated, true);
    assert.equal(r.crisis.detected, false);
    assert.equal(scan(deep, rules, { maxDepth: 64 }).crisis.detected, true);
  });
  it("stops at the string and character limits and says so", () => {
    const many = Array.from({ length: 5000 }, (_, i) => `note ${i}`);
    const r = scan(many, rules, { maxStrings: 100 });
    assert.equal(r.stats.strings, 100);
    assert.equal(r.truncated, true);
    const long = scan("a ".repeat(100_000) + "i want to die", rules);
    assert.equal(long.truncated, true);
    assert.ok(long.stats.chars <= 8 * 1024);
  });
  it("a body of a million numbers costs a bounded walk", () => {
    const started = performance.now();
    const r = scan(new Array(1_000_000).fill(1), rules);
    assert.equal(r.truncated, true);
    assert.ok(performance.now() - started < 500);
  });
  it("hostile text stays cheap: a negated phrase repeated without a full stop, quotes, digits", () => {
    for (const text of ["i'm not going to kill myself ".repeat(290), '"i want to die" '.repeat(510), "4111 ".repeat(1640), "i want to ".repeat(820)]) {
      const started = performance.now();
      scan(text, rules);
      assert.ok(performance.now() - started < 250, `${text.slice(0, 20)}… took ${performance.now() - started} ms`);
    }
  });
  it("scans nothing but strings (and large integers): booleans, null, small numbers are skipped", () => {
    const r = scan([true, null, 42, "fine"], rules);
    assert.equal(r.stats.strings, 1);
  });
});
