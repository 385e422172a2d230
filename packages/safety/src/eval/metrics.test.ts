import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countLabel, precision, recall, report } from "./metrics.ts";

describe("metrics", () => {
  const items = [
    { labels: ["a"], predicted: ["a"] },
    { labels: ["a"], predicted: [] },
    { labels: [], predicted: ["b"] },
    { labels: ["b"], predicted: ["a"] },
    { labels: [], predicted: [] },
  ];
  it("counts true and false positives and negatives per label", () => {
    assert.deepEqual(countLabel(items, (l) => l.includes("a")), { tp: 1, fp: 1, fn: 1, tn: 2 });
  });
  it("precision and recall, 1 when nothing was expected or predicted", () => {
    assert.equal(precision({ tp: 1, fp: 1, fn: 0, tn: 0 }), 0.5);
    assert.equal(recall({ tp: 1, fp: 0, fn: 3, tn: 0 }), 0.25);
    assert.equal(precision({ tp: 0, fp: 0, fn: 1, tn: 0 }), 1);
  });
  it("'any crisis' ignores which crisis category was predicted", () => {
    const r = report(items, ["a", "b"], ["a", "b"]);
    assert.deepEqual(r.anyCrisis, { tp: 2, fp: 1, fn: 1, tn: 1 });
  });
});
