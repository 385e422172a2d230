// Runs the whole suite against (a) the origin directly and (b) a pass-through proxy, neither of
// which caches: every "must not reuse" case has to pass and every case that needs a stored answer
// has to fail or be n.a. Exits 1 when a case concludes otherwise.
import { CASES } from "./cases/index.ts";
import { mismatchesWithoutCache } from "./expectations.ts";
import { startOrigin } from "./origin.ts";
import { startPassThrough } from "./pass-through.ts";
import { formatReport } from "./report.ts";
import { runConformance } from "./runner.ts";

const origin = await startOrigin();
const proxy = await startPassThrough(origin.url);
let bad = 0;
try {
  for (const [name, base] of [["no cache (origin directly)", origin.url], ["no cache (pass-through proxy)", proxy.url]] as const) {
    const report = await runConformance({ base, origin });
    console.log(`\n=== ${name} ===\n${formatReport(report)}`);
    const mismatches = mismatchesWithoutCache(report, CASES);
    for (const m of mismatches) console.log(`UNEXPECTED ${m.id}: expected ${m.expected} without a cache, got ${m.outcome} (${m.detail})`);
    console.log(mismatches.length === 0 ? `self-check (${name}): every case concluded as expected` : `self-check (${name}): ${mismatches.length} unexpected`);
    bad += mismatches.length;
  }
} finally {
  await proxy.close();
  await origin.close();
}
process.exitCode = bad === 0 ? 0 : 1;
