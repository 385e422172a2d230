import assert from "node:assert/strict";
import { test } from "node:test";
import type { CompiledAggregatePart } from "../../config/compiled.ts";
import { merge, type PartOutcome } from "./merge.ts";
import type { PartResult } from "./part-result.ts";

const part = (key: string, required = true, fallback: unknown = null) => ({ key, required, fallback, service: { name: key } }) as unknown as CompiledAggregatePart;
const ok = (value: unknown): PartResult => ({ ok: true, value });
const down: PartResult = { ok: false, reason: "unavailable" };
const outcome = (p: CompiledAggregatePart, result: PartResult): PartOutcome => ({ part: p, result });

test("every part answered: each under its key, in the parts' order, then _aggregate complete", () => {
  const merged = merge([outcome(part("player"), ok({ id: 7 })), outcome(part("sessions", false), ok([1, 2]))]);
  assert.equal(merged.kind, "answer");
  assert.deepEqual(JSON.parse(JSON.stringify(merged.kind === "answer" && merged.body)), {
    player: { id: 7 },
    sessions: [1, 2],
    _aggregate: { complete: true, failed: [], fallback: [] },
  });
  assert.deepEqual(Object.keys(merged.kind === "answer" ? merged.body : {}), ["player", "sessions", "_aggregate"]);
});

test("an optional part down is left out: the answer is not complete and says which part failed", () => {
  const merged = merge([outcome(part("player"), ok({ id: 7 })), outcome(part("sessions", false), down)]);
  assert.ok(merged.kind === "answer");
  assert.deepEqual(merged.body, { player: { id: 7 }, _aggregate: { complete: false, failed: ["sessions"], fallback: [] } });
});

test("a required part down without a fallback fails the request, naming the first such part and every failed one", () => {
  const timeout: PartResult = { ok: false, reason: "timeout" };
  const merged = merge([outcome(part("player"), ok({})), outcome(part("sessions", false), down), outcome(part("stats"), timeout), outcome(part("badges"), down)]);
  assert.ok(merged.kind === "failed");
  assert.equal(merged.part.key, "stats");
  assert.equal(merged.result.reason, "timeout");
  assert.deepEqual(merged.failed, ["sessions", "stats", "badges"]);
});

test("a required part with a fallback stands in with it: always present, counted as failed and as a fallback", () => {
  const crisis = { lines: [{ name: "988", phone: "988" }] };
  const failedOver = merge([outcome(part("player"), ok({ id: 1 })), outcome(part("crisisResources", true, crisis), down)]);
  assert.ok(failedOver.kind === "answer");
  assert.deepEqual(failedOver.body, { player: { id: 1 }, crisisResources: crisis, _aggregate: { complete: false, failed: ["crisisResources"], fallback: ["crisisResources"] } });
  const live = merge([outcome(part("crisisResources", true, crisis), ok({ lines: [] }))]);
  assert.ok(live.kind === "answer");
  assert.deepEqual(live.body.crisisResources, { lines: [] }, "the service's own answer wins when it has one");
});
