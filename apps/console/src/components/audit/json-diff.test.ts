import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonDiff } from "./json-diff.ts";

describe("jsonDiff", () => {
  it("lists changed leaves with their paths", () => {
    const { rows } = jsonDiff({ status: "open", assigneeId: null, roles: ["a", "b"] }, { status: "acknowledged", assigneeId: "usr_1", roles: ["a"] });
    assert.deepEqual(rows, [
      { path: "status", change: "changed", before: "open", after: "acknowledged" },
      { path: "assigneeId", change: "added", before: null, after: "usr_1" },
      { path: "roles[1]", change: "removed", before: "b", after: null },
    ]);
  });

  it("spreads a created or deleted object into its leaves", () => {
    assert.deepEqual(jsonDiff(null, { noteId: "note_1", body: "called [PHONE]" }).rows.map((r) => [r.path, r.change, r.after]), [
      ["noteId", "added", "note_1"],
      ["body", "added", "called [PHONE]"],
    ]);
    assert.deepEqual(jsonDiff({ a: { b: 1 } }, null).rows, [{ path: "a.b", change: "removed", before: 1, after: null }]);
    assert.deepEqual(jsonDiff(null, null).rows, []);
  });

  it("stops at a row limit and says so", () => {
    const big = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const { rows, truncated } = jsonDiff(null, big, 10);
    assert.equal(rows.length, 10);
    assert.equal(truncated, true);
  });
});
