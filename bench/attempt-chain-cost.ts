// `node --import tsx bench/attempt-chain-cost.ts`: the per-request CPU cost of the per-attempt chain
// issue 3 put around the proxy (retry -> pick -> breaker -> track), measured in-process with a
// forward that answers at once, against calling that forward directly. One attempt per request,
// three instances, each load-balancing strategy. Prints ns per request; nothing listens.
import { pino } from "pino";
import { compileConfig } from "../apps/gateway/src/config/compile.ts";
import type { RouteContext } from "../apps/gateway/src/pipeline/context.ts";
import { noopObserver, noopSink } from "../apps/gateway/src/live/contracts.ts";
import { LocalTrace } from "../apps/gateway/src/tracing/request-trace.ts";
import { createLocalForcedBreakers } from "../apps/gateway/src/stores/forced-breakers/local.ts";
import type { UpstreamCall } from "../apps/gateway/src/upstream/attempt/call.ts";
import { attemptChain } from "../apps/gateway/src/upstream/attempt/order.ts";
import type { Forward } from "../apps/gateway/src/upstream/proxy.ts";
import { UpstreamPools } from "../apps/gateway/src/upstream/pool/upstream-pools.ts";
import { ZSnapshot, type TLoadBalancing } from "../packages/domain/src/index.ts";

const N = Number(process.env.BENCH_CALLS ?? 1_000_000);
const STRATEGIES: TLoadBalancing[] = ["round_robin", "weighted_round_robin", "least_connections", "health_based", "therapeutic_priority"];
const ANSWERED = { kind: "answered", status: 200, headersMs: 1 } as const;
const forward: Forward = async () => ANSWERED;
const trace = new LocalTrace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true); // a request that is not recorded (no OTLP endpoint)
const ctx = { req: { method: "GET" }, res: { headersSent: false }, signal: new AbortController().signal, log: pino({ level: "silent" }), requestId: "req_bench", trace } as unknown as RouteContext;

const snapshot = ZSnapshot.parse({
  schemaVersion: 1,
  services: STRATEGIES.map((lb) => ({
    name: lb.replaceAll("_", "-"),
    loadBalancing: lb,
    healthCheck: { enabled: false },
    instances: [1, 2, 3].map((i) => ({ url: `http://127.0.0.1:${4000 + i}`, weight: i })),
  })),
  routes: STRATEGIES.map((lb, i) => ({ id: `rt_${i}`, name: `r-${i}`, path: `/r${i}/*`, service: lb.replaceAll("_", "-") })),
});
const config = compileConfig(snapshot, { revision: 1, checksum: "bench" });
const pools = new UpstreamPools({ gatewayId: "bench", live: noopSink, log: pino({ level: "silent" }), probeAgents: { forTarget: () => undefined as never }, forcedStore: createLocalForcedBreakers() });
pools.syncConfig(config);
const chain = attemptChain({ forward, observer: noopObserver });

async function time(label: string, once: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 100_000; i++) await once(); // warm-up (JIT)
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await once();
  const ns = Number(process.hrtime.bigint() - started) / N;
  console.log(`${label.padEnd(48)} ${ns.toFixed(0).padStart(6)} ns/request`);
  return ns;
}

console.log(`${N.toLocaleString("en")} requests per case, node ${process.version}`);
const direct = await time("forward called directly (baseline)", () => forward(ctx, undefined as never));
for (const route of config.routes) {
  const pool = pools.get(route.service.name)!;
  const ns = await time(`chain, ${route.service.loadBalancing}`, () => {
    const call: UpstreamCall = { route, pool, path: "/x", priority: "standard", deadlineAt: Date.now() + 30_000, maxAttempts: 3, body: null };
    return chain(ctx, call);
  });
  console.log(`${"".padEnd(48)} +${(ns - direct).toFixed(0)} ns over the baseline`);
}
pools.close();
