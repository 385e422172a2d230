// The encoder thread with the real encoder (TensorFlow.js on its WebAssembly backend) in a real
// worker: answers, its bounds (queue, budget) and its shutdown, each an error the two-stage
// classifier turns into "keep the first stage's decision".
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { startEncoderThread, type EncoderThread } from "./encoder-thread.ts";
import { ENCODER_DIMS } from "./use-lite.ts";

const started: EncoderThread[] = [];
const start = (options: Parameters<typeof startEncoderThread>[0]) => {
  const t = startEncoderThread(options);
  started.push(t);
  return t;
};
after(() => Promise.all(started.map((t) => t.close())));

describe("encoder thread", () => {
  it("answers each caller with its own vectors, calls made while it loads included", async () => {
    const t = start({ timeoutMs: 10_000 });
    const [a, b] = await Promise.all([t.embed(["the castle gate is locked"]), t.embed(["i cant stop shaking and my chest hurts", "hello"])]);
    assert.equal(a.length, 1);
    assert.equal(b.length, 2);
    for (const v of [...a, ...b]) assert.equal(v.length, ENCODER_DIMS);
    assert.notDeepEqual(a[0], b[0]);
    const again = await t.embed(["the castle gate is locked"]);
    assert.ok(again[0]!.every((x, i) => Math.abs(x - a[0]![i]!) < 1e-5), "the same text, the same vector");
    assert.equal(t.pending, 0);
  });

  it("refuses at once beyond its queue, and a call past its budget fails instead of waiting", async () => {
    const t = start({ maxQueue: 2, timeoutMs: 1 });
    const calls = Array.from({ length: 4 }, (_, i) => t.embed([`text ${i}`]).then(() => "answered", (e: Error) => e.message));
    const results = await Promise.all(calls);
    assert.deepEqual(results.slice(2), ["encoder busy: 2 calls waiting", "encoder busy: 2 calls waiting"]);
    for (const r of results.slice(0, 2)) assert.match(r, /no answer within 1 ms|answered/);
    assert.ok(results.slice(0, 2).some((r) => r === "encoder: no answer within 1 ms"), "1 ms from the load is never enough for the model");
  });

  it("on close, what waits is refused and later calls too", async () => {
    const t = start({ timeoutMs: 10_000 });
    const waiting = t.embed(["still loading"]).then(() => "answered", (e: Error) => e.message);
    await t.close();
    assert.equal(await waiting, "encoder closed");
    await assert.rejects(t.embed(["after"]), /encoder closed/);
  });
});
