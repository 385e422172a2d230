// `node --import tsx bench/trace-cost.ts`: the per-request CPU cost of the trace-context edge stage
// (issue 14 part 5), in-process, against the same chain without it: with no OTLP endpoint (the
// default: no traceparent, a trusted one, an untrusted one), and with export on, sampled at 0 (the
// SDK decides, records nothing) and at 1 (a server span per request, ended and queued; the queue
// goes to a collector that is not there, its overflow is dropped as in production). Prints ns per
// request, best of five interleaved rounds (a shared machine: the minimum is the least disturbed figure).
import type { IncomingHttpHeaders } from "node:http";
import { pino } from "pino";
import { Registry } from "prom-client";
import { ipSet } from "../apps/gateway/src/net/ip-set.ts";
import { compose } from "../apps/gateway/src/pipeline/compose.ts";
import type { Context } from "../apps/gateway/src/pipeline/context.ts";
import type { Stage } from "../apps/gateway/src/pipeline/stage.ts";
import { traceContext } from "../apps/gateway/src/stages/trace-context/trace-context.ts";
import { createTracing, type Tracing } from "../apps/gateway/src/tracing/tracing.ts";

const N = Number(process.env.BENCH_CALLS ?? 500_000);
const ROUNDS = 5;
const log = pino({ level: "silent" });
const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
const base = { host: "gw", "user-agent": "wrk", accept: "*/*" };

const answer: Stage = async function answer(ctx) {
  ctx.res.statusCode = 200;
  (ctx.res as unknown as { headersSent: boolean }).headersSent = true;
  (ctx.res as unknown as { writableFinished: boolean }).writableFinished = true;
};

function context(headers: IncomingHttpHeaders, socket: { remoteAddress: string }): Context {
  const res = { statusCode: 0, headersSent: false, writableFinished: false, writableEnded: false, destroyed: false, once() {} };
  const req = { method: "GET", url: "/plain/hello?x=1", headers: { ...headers }, socket };
  return { req, res, log, requestId: "req_bench", match: null, trace: null, clientGone: () => false } as unknown as Context;
}

interface Case {
  label: string;
  run: (ctx: Context) => Promise<void>;
  headers: IncomingHttpHeaders;
  socket: { remoteAddress: string }; // one keep-alive connection: its trust is decided once
  best: number;
}

function makeCase(label: string, stages: Stage[], headers: IncomingHttpHeaders, address = "10.0.0.1"): Case {
  return { label, run: compose([...stages, answer]), headers, socket: { remoteAddress: address }, best: Infinity };
}

/** Every case once per round, rounds interleaved, the best round kept: drift in the machine's load hits every case alike. */
async function measure(cases: Case[]): Promise<void> {
  for (const c of cases) for (let i = 0; i < 50_000; i++) await c.run(context(c.headers, c.socket)); // warm-up (JIT)
  for (let round = 0; round < ROUNDS; round++)
    for (const c of cases) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < N / ROUNDS; i++) await c.run(context(c.headers, c.socket));
      c.best = Math.min(c.best, Number(process.hrtime.bigint() - started) / (N / ROUNDS));
    }
}

const pass: Stage = function pass(_ctx, next) {
  return next();
};
const trusted = ipSet(["10.0.0.0/8"]);
const exporting = (ratio: number): Tracing =>
  createTracing(
    {
      instanceId: "bench",
      sampleRatio: ratio,
      trustedPeers: trusted,
      export: { url: "http://127.0.0.1:9/v1/traces", protocol: "http/protobuf", timeoutMs: 1_000, serviceName: "bench", batch: { delayMs: 1_000, maxQueueSize: 2_048, maxBatchSize: 512, exportTimeoutMs: 1_000 } },
    },
    new Registry(),
    log,
  );
const local = createTracing({ instanceId: "bench", sampleRatio: 1, trustedPeers: trusted, export: null }, new Registry(), log);

console.log(`${N.toLocaleString("en")} requests per case, node ${process.version}`);
const tracings = { local, off: exporting(0), on: exporting(1) };
const cases = [
  makeCase("without the stage (a pass-through stage in its place)", [pass], base),
  makeCase("no endpoint, no traceparent (a new trace id)", [traceContext(tracings.local)], base),
  makeCase("no endpoint, trusted traceparent (passed on)", [traceContext(tracings.local)], { ...base, traceparent: TRACEPARENT }),
  makeCase("no endpoint, trusted traceparent + 2-member tracestate", [traceContext(tracings.local)], { ...base, traceparent: TRACEPARENT, tracestate: "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE" }),
  makeCase("no endpoint, untrusted traceparent (a new trace)", [traceContext(tracings.local)], { ...base, traceparent: TRACEPARENT }, "203.0.113.7"),
  makeCase("export on, sampled at 0 (the SDK decides, records nothing)", [traceContext(tracings.off)], base),
  makeCase("export on, sampled at 1 (a server span per request)", [traceContext(tracings.on)], base),
];
await measure(cases);
const without = cases[0]!.best;
for (const c of cases) console.log(`${c.label.padEnd(64)} ${c.best.toFixed(0).padStart(6)} ns/request${c.best === without ? "" : `  +${(c.best - without).toFixed(0)} ns`}`);
for (const tracing of Object.values(tracings)) await tracing.close(100);
process.exit(0);
