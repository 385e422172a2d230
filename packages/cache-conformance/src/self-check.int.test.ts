// The self-check as assertions: with no cache in the path, every case concludes as its
// `withoutCache` says, both against the origin directly and through a pass-through proxy.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CASES } from "./cases/index.ts";
import { mismatchesWithoutCache } from "./expectations.ts";
import { startOrigin, type Origin } from "./origin.ts";
import { startPassThrough, type PassThrough } from "./pass-through.ts";
import { runConformance } from "./runner.ts";

let origin: Origin;
let proxy: PassThrough;
before(async () => {
  origin = await startOrigin();
  proxy = await startPassThrough(origin.url);
});
after(async () => {
  await proxy.close();
  await origin.close();
});

for (const [name, base] of [["the origin directly", () => origin.url], ["a pass-through proxy", () => proxy.url]] as const) {
  test(`no cache (${name}): must-not-reuse cases pass, must-store cases fail or are n.a.`, async () => {
    // Timing does not matter without a cache, so cases run four at a time here.
    const report = await runConformance({ base: base(), origin, concurrency: 4 });
    assert.equal(report.results.length, CASES.length);
    assert.deepEqual(mismatchesWithoutCache(report, CASES), []);
    assert.equal(report.totals.must.failed, 0);
    assert.ok(report.totals.may.failed > 0, "reuse cases must be able to fail");
    assert.equal(report.coalescing?.originRequests, report.coalescing?.clients);
  });
}
