import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newId } from "./ids.ts";

describe("newId", () => {
  it("carries the kind's prefix and sorts by time", () => {
    const a = newId("route", 1_000);
    const b = newId("route", 2_000);
    assert.match(a, /^rt_[0-9a-z]{22}$/);
    assert.ok(a < b);
  });
  it("does not repeat across many ids (pool refills)", () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => newId("request")));
    assert.equal(ids.size, 20_000);
  });
});
