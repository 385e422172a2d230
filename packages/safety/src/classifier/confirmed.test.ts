// The two-stage classifier with a stand-in encoder (this module's unit test; the real encoder
// runs in the gateway's integration tests and the evaluation).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ENCODER_DIMS, type SentenceEncoder } from "../encoder/use-lite.ts";
import { loadConfirmHead, createConfirmedClassifier } from "./confirmed.ts";
import type { ClassifierVerdict } from "./types.ts";

const CRISIS = "i have been cutting again and tonight i want to go deeper";
const CALM = "can you tell me more about the old mill by the river";

function encoder(answer: () => Promise<Float32Array[]>) {
  const calls: string[][] = [];
  const e: SentenceEncoder = { name: "stand-in", embed: (texts) => (calls.push([...texts]), answer()) };
  return { e, calls };
}
const vector = () => Promise.resolve([new Float32Array(ENCODER_DIMS)]);

describe("two-stage classifier", () => {
  it("answers a calm text at once, without reading it again", () => {
    const { e, calls } = encoder(vector);
    const verdict = createConfirmedClassifier(e).classify(CALM);
    assert.ok(!(verdict instanceof Promise));
    assert.deepEqual((verdict as ClassifierVerdict & { status: "ok" }).categories, []);
    assert.equal(calls.length, 0);
  });

  it("re-reads what the first stage flags, and clears it when the head says calm", async () => {
    const { e, calls } = encoder(vector);
    const head = { ...loadConfirmHead(), thresholds: { confident: 1, review: 1 } };
    const c = createConfirmedClassifier(e, { head });
    const verdict = await c.classify(CRISIS);
    assert.equal(calls.length, 1);
    assert.match(calls[0]![0]!, /cutting again/);
    assert.deepEqual(verdict, { status: "ok", categories: [], review: false, evidence: "" });
    assert.deepEqual(c.stats, { confirmed: 1, cleared: 1, unavailable: 0 });
  });

  it("keeps the first stage's detection when the head agrees", async () => {
    const { e } = encoder(vector);
    const verdict = await createConfirmedClassifier(e, { head: { ...loadConfirmHead(), thresholds: { confident: 0, review: 0 } } }).classify(CRISIS);
    assert.equal(verdict.status, "ok");
    if (verdict.status === "ok") {
      assert.equal(verdict.categories[0]!.category, "self_harm");
      assert.equal(verdict.review, false);
    }
  });

  it("keeps the first stage's detection, for review, when the encoder cannot answer", async () => {
    const { e } = encoder(() => Promise.reject(new Error("encoder: no answer within 500 ms")));
    const seen: string[] = [];
    const c = createConfirmedClassifier(e, { onUnavailable: (error) => seen.push(error.message) });
    const verdict = await c.classify(CRISIS);
    assert.equal(verdict.status, "ok");
    if (verdict.status === "ok") {
      assert.equal(verdict.categories[0]!.category, "self_harm");
      assert.equal(verdict.review, true);
    }
    assert.deepEqual(seen, ["encoder: no answer within 500 ms"]);
    assert.equal(c.stats.unavailable, 1);
  });
});
