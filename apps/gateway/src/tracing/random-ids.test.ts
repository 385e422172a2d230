import { test } from "node:test";
import assert from "node:assert/strict";
import { newSpanId, newTraceAndSpanId, newTraceId } from "./random-ids.ts";

test("ids are lower-case hex of the right length, and differ", () => {
  const ids = new Set<string>();
  for (let i = 0; i < 1_000; i++) {
    const id = newTraceId();
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.match(newSpanId(), /^[0-9a-f]{16}$/);
    ids.add(id);
  }
  assert.equal(ids.size, 1_000);
});

test("a trace and span id in one: 48 hex digits, neither part all zero", () => {
  for (let i = 0; i < 1_000; i++) {
    const ids = newTraceAndSpanId();
    assert.match(ids, /^[0-9a-f]{48}$/);
    assert.notEqual(ids.slice(0, 32), "0".repeat(32));
    assert.notEqual(ids.slice(32), "0".repeat(16));
  }
});
