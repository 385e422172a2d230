import assert from "node:assert/strict";
import { test } from "node:test";
import type { CrisisClassifier } from "@tta/safety";
import { buildClassifier } from "./classifier.ts";

test("the crisis classifier is built from its options once: built-in by default, off, HTTP (needs a URL), or a ready one as is", () => {
  const builtin = buildClassifier(undefined);
  assert.equal(builtin?.name, "builtin");
  assert.equal(buildClassifier({ kind: "off" }), null);
  assert.equal(buildClassifier({ kind: "http", url: "http://127.0.0.1:26001/moderate", timeoutMs: 50 })?.name, "http");
  assert.throws(() => buildClassifier({ kind: "http" }), /CRISIS_CLASSIFIER_URL/);
  const mine: CrisisClassifier = { name: "mine", classify: () => ({ status: "unavailable", reason: "test" }) };
  assert.equal(buildClassifier(mine), mine);
});
