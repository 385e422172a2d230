// @tta/cache-conformance: a black-box HTTP shared-cache conformance suite (RFC 9111, RFC 9110
// conditional requests, RFC 5861). Start the origin, route the cache under test to it, run.
export { startOrigin, type Origin } from "./origin.ts";
export { runConformance, runCase, totalsOf, RUN_DEFAULTS, type RunOptions, type Report, type CaseResult, type LevelTotals } from "./runner.ts";
export { formatReport } from "./report.ts";
export { CASES } from "./cases/index.ts";
export type * from "./types.ts";
