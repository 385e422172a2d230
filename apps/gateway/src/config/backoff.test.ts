import { test } from "node:test";
import assert from "node:assert/strict";
import { backoffDelay } from "./backoff.ts";

test("delays double from the base, stay under the cap and keep half of the ceiling as a floor", () => {
  const max = () => 1;
  const min = () => 0;
  assert.equal(backoffDelay(0, { random: max }), 100);
  assert.equal(backoffDelay(3, { random: max }), 800);
  assert.equal(backoffDelay(3, { random: min }), 400);
  assert.equal(backoffDelay(50, { random: max }), 5_000);
  assert.equal(backoffDelay(50, { random: min, capMs: 2_000 }), 1_000);
});
