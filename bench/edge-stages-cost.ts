// `node --import tsx bench/edge-stages-cost.ts`: the per-request CPU cost of the edge stages that
// run on every request, measured in-process on a public route without policies (what every route
// pays since issue 4): security headers (with the answer's writeHead), request framing, the two
// CORS stages, authenticate (x-tta-* strip), authorize, rate limit (no policy: the adaptive
// signal only) and body limits. Against the same chain without them. Prints ns per request.
import { pino } from "pino";
import { ZSnapshot } from "@tta/domain";
import { compileConfig } from "../apps/gateway/src/config/compile.ts";
import { compose } from "../apps/gateway/src/pipeline/compose.ts";
import type { Stage } from "../apps/gateway/src/pipeline/stage.ts";
import { authenticate } from "../apps/gateway/src/stages/authenticate/authenticate.ts";
import { authorize } from "../apps/gateway/src/stages/authorize/authorize.ts";
import { bodyLimits } from "../apps/gateway/src/stages/body-limits/body-limits.ts";
import { cors, corsPreflight } from "../apps/gateway/src/stages/cors/cors.ts";
import { AdaptiveLimits } from "../apps/gateway/src/limits/adaptive.ts";
import { GuardedLimiter } from "../apps/gateway/src/limits/guarded-limiter.ts";
import { rateLimit } from "../apps/gateway/src/stages/rate-limit/rate-limit.ts";
import { requestFraming } from "../apps/gateway/src/stages/request-framing/request-framing.ts";
import { requestHeaders } from "../apps/gateway/src/stages/request-headers/request-headers.ts";
import { securityHeaders } from "../apps/gateway/src/stages/security-headers/security-headers.ts";
import { createLocalRateLimitStore } from "../apps/gateway/src/stores/rate-limit/local.ts";
import type { Context } from "../apps/gateway/src/pipeline/context.ts";

const N = Number(process.env.BENCH_CALLS ?? 300_000);
const config = compileConfig(
  ZSnapshot.parse({ schemaVersion: 1, services: [{ name: "bench", instances: [{ url: "http://127.0.0.1:1" }] }], routes: [{ id: "rt_1", name: "plain", path: "/plain/*", service: "bench" }] }),
  { revision: 1, checksum: "c" },
);
const route = config.routes[0]!;
const headers = { host: "gw", "user-agent": "autocannon", accept: "*/*", "x-request-id": "bench-0000000001" };
const rawHeaders = Object.entries(headers).flat();
const store = createLocalRateLimitStore();
const limiter = new GuardedLimiter({ store, log: pino({ level: "silent" }) });

const answer: Stage = async function answer(ctx) {
  ctx.res.writeHead(200, "OK", { "content-type": "application/json", "content-length": "216", server: "bench", "x-powered-by": "bench" });
  ctx.res.end();
};
const match: Stage = async function match(ctx, next) {
  ctx.match = { route, upstreamPath: "/hello" };
  await next();
};
// Every edge stage before route-match, then every route stage a route with policies could have
// (cors, authenticate, authorize, rate limit, body limits): the worst case of the old single list.
// A route without policies now runs only body-limits from that list (pipeline/route-chains.ts).
const routeOnly = [cors(), authenticate(), authorize(), rateLimit({ limiter, adaptive: new AdaptiveLimits(), trustedProxies: null }), bodyLimits()] as unknown as Stage[];
const edge: Stage[] = [securityHeaders(), requestFraming(), requestHeaders({ trustedProxies: null }), corsPreflight(), match, ...routeOnly];
const perRoute: Stage[] = [securityHeaders(), requestFraming(), requestHeaders({ trustedProxies: null }), corsPreflight(), match, routeOnly[4]!];
const without: Stage[] = [match];

const log = pino({ level: "silent" });
const signal = new AbortController().signal;

/** A request and a response double with node's header semantics, cheap enough not to drown the stages. */
function context(): Context {
  const out = new Map<string, unknown>();
  const res = {
    statusCode: 200,
    headersSent: false,
    writableEnded: false,
    destroyed: false,
    shouldKeepAlive: true,
    setHeader: (n: string, v: unknown) => (out.set(n.toLowerCase(), v), res),
    getHeader: (n: string) => out.get(n.toLowerCase()),
    hasHeader: (n: string) => out.has(n.toLowerCase()),
    removeHeader: (n: string) => void out.delete(n.toLowerCase()),
    writeHead(status: number, ...rest: unknown[]) {
      const passed = rest.find((r) => typeof r === "object" && r !== null) as Record<string, unknown> | undefined;
      if (passed) for (const k in passed) out.set(k.toLowerCase(), passed[k]);
      res.statusCode = status;
      res.headersSent = true;
      return res;
    },
    end: () => void (res.writableEnded = true),
  };
  const req = { method: "GET", url: "/plain/hello", headers: { ...headers }, rawHeaders, httpVersion: "1.1", socket: { remoteAddress: "127.0.0.1" } };
  return { req, res, config, signal, log, requestId: "req_bench", match: null, clientGone: () => false } as unknown as Context;
}

/** The best of ROUNDS rounds: on a shared machine the minimum is the figure least disturbed by others. */
const ROUNDS = 5;
async function time(label: string, stages: Stage[]): Promise<number> {
  const run = compose([...stages, answer]);
  for (let i = 0; i < 50_000; i++) await run(context()); // warm-up (JIT)
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < N / ROUNDS; i++) await run(context());
    best = Math.min(best, Number(process.hrtime.bigint() - started) / (N / ROUNDS));
  }
  console.log(`${label.padEnd(52)} ${best.toFixed(0).padStart(6)} ns/request (best of ${ROUNDS})`);
  return best;
}

console.log(`${N.toLocaleString("en")} requests per case, node ${process.version}`);
const base = await time("route match + answer (fake request)", without);
const all = await time("+ edge stages + every route stage (old single list)", edge);
const chained = await time("+ edge stages + this route's own chain", perRoute);
if (process.env.BENCH_BREAKDOWN) for (const [i, stage] of edge.entries()) if (stage !== match) await time(`  only ${stage.name}`, i < 4 ? [stage, match] : [match, stage]);
console.log(`on a route without policies the stages add ${(all - base).toFixed(0)} ns with every stage, ${(chained - base).toFixed(0)} ns with the route's own chain`);
await store.close();
