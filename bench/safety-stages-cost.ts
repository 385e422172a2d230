// `node --import tsx bench/safety-stages-cost.ts`: what the two safety stages cost on every request
// of a route that neither scans nor masks (what each route pays since issue 5): safety-scan and
// mask-response each look at the route's policy and hand the request on. In-process, against the
// same chain without them; best of 5 rounds. Prints ns per request. The cost of routes that do
// scan or mask is measured through a real gateway by bench/safety-overhead.ts.
import { pino } from "pino";
import { ZSnapshot } from "@tta/domain";
import { compileConfig } from "../apps/gateway/src/config/compile.ts";
import { compose } from "../apps/gateway/src/pipeline/compose.ts";
import type { Context } from "../apps/gateway/src/pipeline/context.ts";
import type { Stage } from "../apps/gateway/src/pipeline/stage.ts";
import { maskResponse } from "../apps/gateway/src/stages/mask-response/mask-response.ts";
import { safetyScan } from "../apps/gateway/src/stages/safety-scan/safety-scan.ts";

const N = Number(process.env.BENCH_CALLS ?? 500_000);
const ROUNDS = 5;
const config = compileConfig(
  ZSnapshot.parse({ schemaVersion: 1, services: [{ name: "bench", instances: [{ url: "http://127.0.0.1:1" }] }], routes: [{ id: "rt_1", name: "plain", path: "/plain/*", service: "bench" }] }),
  { revision: 1, checksum: "c" },
);
const route = config.routes[0]!;
const log = pino({ level: "silent" });
const signal = new AbortController().signal;
const unused = () => {
  throw new Error("a route without scanning never gets here");
};

const match: Stage = async function match(ctx, next) {
  ctx.match = { route, upstreamPath: "/hello" };
  await next();
};
const answer: Stage = async function answer(ctx) {
  ctx.res.end();
};
const safety: Stage[] = [safetyScan({ scanner: unused, events: { record: unused }, meters: { scanned: unused }, gatewayId: "bench", defaultMaxBytes: 1024 }), maskResponse()];

function context(): Context {
  const res = { headersSent: false, writableEnded: false, end: () => void (res.writableEnded = true) };
  const req = { method: "POST", url: "/plain/hello", headers: { "content-type": "application/json", "content-length": "200" } };
  return { req, res, config, signal, log, requestId: "req_bench", match: null, priority: null, auth: null, body: null, safetyScan: null, transformResponse: null } as unknown as Context;
}

async function time(label: string, stages: Stage[]): Promise<number> {
  const run = compose([match, ...stages, answer]);
  for (let i = 0; i < 50_000; i++) await run(context());
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
const base = await time("route match + answer (fake request)", []);
const all = await time("+ safety-scan and mask-response (route without)", safety);
console.log(`the two safety stages add ${(all - base).toFixed(0)} ns per request on a route that neither scans nor masks`);
