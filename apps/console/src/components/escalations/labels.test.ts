import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { categoryLabel, formatWaiting, repeatLabel } from "./labels.ts";

describe("escalation labels", () => {
  it("words a category id", () => {
    assert.equal(categoryLabel("suicidal_ideation"), "Suicidal ideation");
    assert.equal(categoryLabel("content_violation"), "Content violation");
  });

  it("says how often an event was detected, once folded", () => {
    assert.equal(repeatLabel(1), null);
    assert.equal(repeatLabel(50), "repeated 50 times");
  });

  it("says how long an event has waited", () => {
    const since = new Date(1_000_000);
    const after = (s: number) => formatWaiting(since, 1_000_000 + s * 1000);
    assert.deepEqual([after(0), after(-5), after(45), after(12 * 60 + 5), after(3 * 3600 + 5 * 60), after(50 * 3600)], ["now", "now", "45 s", "12 min", "3 h 5 min", "2 d 2 h"]);
  });
});
