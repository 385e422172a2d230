// Scanning in pieces: nothing is cut off, whatever the depth, count or size, and the paths are the
// items' own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileSafetyRules, DEFAULT_SAFETY_RULES } from "@tta/safety";
import { flatten, pieces, PIECE_CHARS, scanItems } from "./scan-items.ts";

const rules = compileSafetyRules(DEFAULT_SAFETY_RULES);
const CRISIS = "I can't do this anymore. I want to kill myself tonight.";

test("flatten walks without recursion, in document order, with scanner-style paths; keys are not items", () => {
  assert.deepEqual(flatten({ a: "x", "odd key": ["y", 123456789, 5, true, null, { b: "z" }] }), [
    { path: "$.a", value: "x" },
    { path: '$["odd key"][0]', value: "y" },
    { path: '$["odd key"][1]', value: 123456789 },
    { path: '$["odd key"][5].b', value: "z" },
  ]);
  let deep: unknown = { text: CRISIS };
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const items = flatten(deep);
  assert.equal(items.length, 1);
  assert.ok(items[0]!.path.endsWith("[0].text"));
});

test("a crisis after 40 levels, 2,000 strings or 200 kB of padding is found, and the scan says nothing was cut", async () => {
  let deep: unknown = { text: CRISIS };
  for (let i = 0; i < 40; i++) deep = { level: deep };
  const many = { filler: Array.from({ length: 2_000 }, (_, i) => `item ${i}`), text: CRISIS };
  const padded = { text: `${"the path winds on through the quiet wood ".repeat(5_000)}${CRISIS}` };
  for (const value of [deep, many, padded]) {
    const { result } = await scanItems(flatten(value), rules);
    assert.equal(result.escalate, true);
    assert.equal(result.truncated, false);
    assert.ok(result.crisis.signals.every((s) => s.path.endsWith(".text")), JSON.stringify(result.crisis.signals.map((s) => s.path)));
  }
  const { result } = await scanItems(flatten(deep), rules);
  assert.ok(result.crisis.signals[0]!.path.length <= 240, "a deep path is shortened");
});

test("a long string is cut into overlapping windows, so a phrase across a cut is whole in one", async () => {
  const text = "a".repeat(PIECE_CHARS - 20) + " " + CRISIS + " " + "b ".repeat(PIECE_CHARS);
  const parts = [...pieces([{ path: "$", value: text }])].flat();
  assert.ok(parts.length >= 2);
  assert.ok(parts.some((p) => String(p.value).includes("kill myself tonight")));
  const { result } = await scanItems([{ path: "$", value: text }], rules);
  assert.deepEqual([result.escalate, result.crisis.signals[0]?.path], [true, "$"]);
});

test("a plain text or a small JSON body is one piece, its paths as the scanner gives them", async () => {
  assert.equal([...pieces(flatten({ sessionId: "s", message: CRISIS }))].length, 1);
  const text = await scanItems(flatten(CRISIS), rules);
  assert.equal(text.result.crisis.signals[0]?.path, "$");
  const json = await scanItems(flatten({ sessionId: "s", message: "write to jo@example.org", n: 4111111111111111 }), rules);
  assert.deepEqual(json.result.privacy.pii.map((p) => p.path).sort(), ["$.message", "$.n"]);
  assert.equal((await scanItems([], rules)).result.escalate, false);
});
