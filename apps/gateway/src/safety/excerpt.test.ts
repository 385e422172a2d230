import { test } from "node:test";
import assert from "node:assert/strict";
import { excerptOf, valueAt } from "./excerpt.ts";
import type { EventSignal } from "./verdict.ts";

const at = (path: string): EventSignal => ({ kind: "crisis", category: "self_harm", severity: "high", rule: "r", match: "m", path });

test("valueAt follows the scanner's paths", () => {
  const body = { messages: [{ content: "a" }, { content: "b" }], "odd key": { "x.y": 1 } };
  assert.deepEqual(valueAt(body, "$.messages[1].content"), { value: "b", key: "content" });
  assert.deepEqual(valueAt(body, '$["odd key"]["x.y"]'), { value: 1, key: "x.y" });
  assert.deepEqual(valueAt("text", "$"), { value: "text", key: null });
  assert.equal(valueAt(body, "$.messages[5].content")?.value, undefined);
  assert.equal(valueAt(body, "$.messages.nope[0]"), null);
  assert.equal(valueAt(body, "messages"), null);
});

test("the excerpt is the player's words at the signals' paths, PII masked before it is cut", () => {
  const body = { messages: [{ content: "hello" }, { content: "I want to die.\n  Call me at (555) 123-4567 " }], email: "jo@example.org", password: "I want to die" };
  assert.equal(excerptOf(body, [at("$.messages[1].content"), at("$.messages[1].content")]), "I want to die. Call me at [PHONE]");
  assert.equal(excerptOf(body, [at("$.password"), at("$.messages[0].content")]), "[SECRET] … hello", "a sensitive field is never shown");
  const long = `${"x".repeat(310)} jo@example.org`;
  assert.equal(excerptOf(long, [at("$")]), `${"x".repeat(310)} [EMAIL]`);
  assert.ok(excerptOf(`${"y".repeat(400)} 4111 1111 1111 1111`, [at("$")]).length <= 320);
});
