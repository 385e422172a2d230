// `node --import tsx bench/route-lookup-cost.ts`: the cost of one route lookup, in-process, for 10
// and 10,000 routes, the first and the last route of the precedence order, the linear scan that
// issue 9 replaced against the trie router; and the time to compile 10,000 routes (every publish
// does it). Best of BENCH_RUNS runs, each bounded in calls and in time. Prints a table and JSON.
import { ZSnapshot } from "@tta/domain";
import { compileConfig } from "../apps/gateway/src/config/compile.ts";
import type { CompiledConfig } from "../apps/gateway/src/config/compiled.ts";
import { requestHost } from "../apps/gateway/src/config/host-rule.ts";
import { findRoute } from "../apps/gateway/src/config/route-table.ts";
import { compileRouter } from "../apps/gateway/src/config/router.ts";
import { linearFindRoute } from "../apps/gateway/src/testing/linear-find-route.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const MAX_CALLS = 200_000;
const MAX_MS = 60;

// Route i serves /s<i>/items/:id/* on every host; names are zero-padded so the compiled order is i.
function snapshot(n: number) {
  const routes = Array.from({ length: n }, (_, i) => ({
    id: `rt_${i}`,
    name: `r-${String(i).padStart(6, "0")}`,
    path: `/s${i}/items/:id/*`,
    service: "svc",
    methods: i % 2 === 0 ? [] : ["GET", "POST"],
  }));
  return ZSnapshot.parse({ schemaVersion: 1, services: [{ name: "svc", instances: [{ url: "http://127.0.0.1:1" }] }], routes });
}

type Lookup = (config: CompiledConfig, method: string, host: ReturnType<typeof requestHost>, path: string) => unknown;

/** ns per call, best of RUNS; each run stops at MAX_CALLS or MAX_MS, whichever comes first. */
function nsPerCall(fn: () => void): number {
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(MAX_MS * 1e6);
    let calls = 0;
    let now = start;
    while (calls < MAX_CALLS) {
      for (let k = 0; k < 100; k++) fn();
      calls += 100;
      now = process.hrtime.bigint();
      if (now > deadline) break;
    }
    best = Math.min(best, Number(now - start) / calls);
  }
  return best;
}

function msOnce(fn: () => void): number {
  let best = Infinity;
  for (let run = 0; run < Math.min(RUNS, 5); run++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

const host = requestHost("gw.local:8080");
const results: Array<{ routes: number; target: string; linearNs: number; trieNs: number }> = [];
for (const n of [10, 10_000]) {
  const config = compileConfig(snapshot(n), { revision: 1, checksum: "c" });
  for (const [target, i] of [["first", 0], ["last", n - 1]] as const) {
    const path = `/s${i}/items/42/inventory/3`;
    const want = config.routes[i]!;
    const measure = (lookup: Lookup) => {
      const found = lookup(config, "GET", host, path) as { kind: string; route?: unknown };
      if (found.route !== want) throw new Error(`${target} of ${n}: wrong route`);
      return nsPerCall(() => lookup(config, "GET", host, path));
    };
    // Once each to warm the JIT, then the figures, so that neither pays for running first.
    measure(linearFindRoute);
    measure(findRoute);
    results.push({ routes: n, target, linearNs: Math.round(measure(linearFindRoute)), trieNs: Math.round(measure(findRoute)) });
  }
}

const big = snapshot(10_000);
const bigConfig = compileConfig(big, { revision: 1, checksum: "c" });
const compile = {
  routes: 10_000,
  compileConfigMs: +msOnce(() => compileConfig(big, { revision: 1, checksum: "c" })).toFixed(1),
  compileRouterMs: +msOnce(() => compileRouter(bigConfig.routes)).toFixed(1),
};

console.log("routes  route   linear ns/lookup   trie ns/lookup");
for (const r of results)
  console.log(`${String(r.routes).padStart(6)}  ${r.target.padEnd(5)}  ${String(r.linearNs).padStart(16)}  ${String(r.trieNs).padStart(15)}`);
console.log(`compile 10,000 routes: compileConfig ${compile.compileConfigMs} ms, of which the router ${compile.compileRouterMs} ms`);
console.log(JSON.stringify({ node: process.version, runs: RUNS, lookups: results, compile }));
