import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { CONTENT_CATEGORIES, CRISIS_CATEGORIES } from "../rules/defaults/index.ts";
import { isHeldOut, parseEvalJsonl } from "./dataset.ts";

describe("eval dataset", () => {
  it("parses lines, numbers them and holds out every 5th", () => {
    const items = parseEvalJsonl('{"text":"a","labels":[]}\n\n{"text":"b","labels":["x"],"note":"n"}\n');
    assert.deepEqual(items.map((i) => [i.index, i.text]), [[0, "a"], [1, "b"]]);
    assert.deepEqual([0, 1, 2, 3, 4, 9].map(isHeldOut), [false, false, false, false, true, true]);
  });
  it("refuses a bad line with its line number", () => {
    assert.throws(() => parseEvalJsonl('{"text":"a","labels":[]}\n{"text":""}'), /eval line 2/);
    assert.throws(() => parseEvalJsonl("nope"), /eval line 1: not JSON/);
  });
  it("test-data/eval.jsonl: at least 300 lines, known labels, many hard negatives", () => {
    const items = parseEvalJsonl(readFileSync(new URL("../../test-data/eval.jsonl", import.meta.url), "utf8"));
    assert.ok(items.length >= 300);
    const known = new Set<string>([...CRISIS_CATEGORIES, ...CONTENT_CATEGORIES, "pii"]);
    for (const item of items) for (const label of item.labels) assert.ok(known.has(label), `${label} in line ${item.index + 1}`);
    assert.ok(items.filter((i) => i.labels.length === 0).length >= 150);
    for (const category of CRISIS_CATEGORIES) assert.ok(items.filter((i) => i.labels.includes(category)).length >= 20, category);
    assert.equal(new Set(items.map((i) => i.text)).size, items.length, "no duplicate lines");
  });
});
