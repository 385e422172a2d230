// The encoder thread with the real encoder (TensorFlow.js on its WebAssembly backend) in a real
// worker: answers, its bounds (queue, budget) and its shutdown, each an error the two-stage
// classifier turns into "keep the first stage's decision".
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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

describe("encoder thread that cannot load", () => {
  it("fails what waits at once, and later calls at once too (no wait for a load that failed), while it retries in the background", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tta-encoder-"));
    const broken = join(dir, "broken-worker.mjs");
    writeFileSync(broken, 'throw new Error("the model files are missing");\n');
    const t = start({ workerUrl: pathToFileURL(broken), timeoutMs: 10_000, loadTimeoutMs: 20_000, restartMs: 50 });
    const first = Date.now();
    await assert.rejects(t.embed(["while it loads"]), /encoder thread failed: the model files are missing/);
    await assert.rejects(t.ready, /did not load: the model files are missing/);
    const second = Date.now();
    await assert.rejects(t.embed(["after the failure"]), /encoder (unavailable|thread down)/);
    assert.ok(Date.now() - second < 1_000, "not a wait for another load");
    assert.ok(second - first < 10_000, "the failure ends the first wait, not the load timeout");
    // Past the restart interval a call starts another thread, and does not wait for its load either.
    await new Promise((r) => setTimeout(r, 100));
    const third = Date.now();
    await assert.rejects(t.embed(["during the restart"]), /encoder unavailable: the model files are missing/);
    assert.ok(Date.now() - third < 1_000, "a restart's load is not waited for once a load has failed");
    rmSync(dir, { recursive: true, force: true });
  });
});
