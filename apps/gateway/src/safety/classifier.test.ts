import assert from "node:assert/strict";
import { test } from "node:test";
import type { CrisisClassifier } from "@tta/safety";
import { buildClassifier } from "./classifier.ts";

test("the crisis classifier is built from its options once: built-in by default (two stages), off, HTTP (needs a URL), or a ready one as is", async () => {
  const builtin = buildClassifier(undefined);
  assert.equal(builtin.classifier?.name, "builtin");
  assert.ok("head" in builtin.classifier!, "the default has its second stage");
  await builtin.close();
  const fast = buildClassifier({ kind: "builtin", confirm: "off" }).classifier!;
  assert.ok(!("head" in fast), "CRISIS_CONFIRM=off: the first stage alone");
  assert.equal(buildClassifier({ kind: "off" }).classifier, null);
  assert.equal(buildClassifier({ kind: "http", url: "http://127.0.0.1:26001/moderate", timeoutMs: 50 }).classifier?.name, "http");
  assert.throws(() => buildClassifier({ kind: "http" }), /CRISIS_CLASSIFIER_URL/);
  const mine: CrisisClassifier = { name: "mine", classify: () => ({ status: "unavailable", reason: "test" }) };
  assert.equal(buildClassifier(mine).classifier, mine);
});

test("an outage of the classifier is logged once when it starts and once when it ends", async () => {
  const lines: string[] = [];
  const log = { warn: (_o: object, msg: string) => void lines.push(`warn ${msg}`), info: (_o: object, msg: string) => void lines.push(`info ${msg}`) };
  let up = false;
  const flaky: CrisisClassifier = { name: "flaky", classify: async () => (up ? { status: "ok", categories: [], review: false, evidence: "" } : { status: "unavailable", reason: "timeout" }) };
  const watched = buildClassifier(flaky, log as never).classifier!;
  for (let i = 0; i < 5; i++) assert.equal((await watched.classify("x")).status, "unavailable");
  up = true;
  await watched.classify("x");
  await watched.classify("x");
  assert.deepEqual(lines, ["warn crisis classifier unavailable: messages it cannot classify are escalated for review", "info crisis classifier answers again"]);
});
