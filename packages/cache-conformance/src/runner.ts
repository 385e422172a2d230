// Runs cases against a cache: installs each case's script on the origin, plays its steps through
// `base`, then judges the trace. Each run gets its own path segment, so no purge is needed.
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { CASES } from "./cases/index.ts";
import { send } from "./client.ts";
import type { Origin } from "./origin.ts";
import { LEVELS, type Case, type ClientResponse, type Level, type Outcome, type Trace, type Verdict } from "./types.ts";

export interface RunOptions {
  /** URL prefix of the cache under test; base + "/<caseId>/..." must reach origin.url + "/<caseId>/...". */
  base: string;
  origin: Origin;
  /** Case ids, or a predicate. */
  filter?: readonly string[] | ((c: Case) => boolean);
  /** Cases at once; 1 (the default) keeps timings honest. */
  concurrency?: number;
  /** A case that has not finished by then fails. */
  caseTimeoutMs?: number;
  /** One request that has not answered by then counts as no answer. */
  requestTimeoutMs?: number;
  /** Cases not started by then are reported n.a. ("not run"). */
  totalTimeoutMs?: number;
  cases?: readonly Case[];
}

export interface CaseResult {
  id: string;
  topic: Case["topic"];
  level: Level;
  ref: string;
  title: string;
  outcome: Outcome;
  detail: string;
  figure?: number;
  ms: number;
}

export type LevelTotals = Record<Level, { passed: number; failed: number; na: number }>;

export interface Report {
  base: string;
  run: string;
  ms: number;
  results: CaseResult[];
  totals: LevelTotals;
  coalescing: { clients: number; originRequests: number } | null;
}

export const RUN_DEFAULTS = { concurrency: 1, caseTimeoutMs: 8_000, requestTimeoutMs: 4_000, totalTimeoutMs: 300_000 } as const;

export async function runConformance(options: RunOptions): Promise<Report> {
  const opts = { ...RUN_DEFAULTS, ...options };
  const started = Date.now();
  const run = `${started.toString(36)}${randomBytes(3).toString("hex")}`;
  const cases = select(options.cases ?? CASES, options.filter);
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;

  async function worker(): Promise<void> {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i]!;
      if (Date.now() - started > opts.totalTimeoutMs) {
        results[i] = result(c, { outcome: "na", detail: `not run: the run passed its ${opts.totalTimeoutMs} ms limit` }, 0);
        continue;
      }
      const t0 = Date.now();
      const verdict = await runCase(c, { ...opts, run });
      results[i] = result(c, verdict, Date.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));

  const coalesce = results.find((r) => r.topic === "coalescing" && r.outcome === "measured");
  return {
    base: opts.base,
    run,
    ms: Date.now() - started,
    results,
    totals: totalsOf(results),
    coalescing: coalesce?.figure === undefined ? null : { clients: clientsIn(cases, coalesce.id), originRequests: coalesce.figure },
  };
}

interface CaseOptions {
  base: string;
  origin: Origin;
  run: string;
  caseTimeoutMs: number;
  requestTimeoutMs: number;
}

export async function runCase(c: Case, o: CaseOptions): Promise<Verdict> {
  const clientPrefix = `${o.base.replace(/\/$/, "")}/${c.id}/${o.run}`;
  o.origin.serve(c.id, c.origin, clientPrefix);
  // One controller ends both the timer and, on timeout, the case's requests still in flight.
  const controller = new AbortController();
  const { signal } = controller;
  const timeout = sleep(o.caseTimeoutMs, undefined, { signal }).then(
    (): Verdict => ({ outcome: "fail", detail: `the case did not finish within ${o.caseTimeoutMs} ms` }),
    () => null,
  );
  const played = play(c, clientPrefix, o, signal).then(
    (trace): Verdict => {
      try {
        return c.check(trace);
      } catch (err) {
        return { outcome: "fail", detail: `could not judge: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
    (err: unknown): Verdict => ({ outcome: "fail", detail: `could not run: ${err instanceof Error ? err.message : String(err)}` }),
  );
  const verdict = await Promise.race([played, timeout]);
  controller.abort();
  return verdict ?? { outcome: "fail", detail: "no verdict" };
}

async function play(c: Case, prefix: string, o: CaseOptions, signal: AbortSignal): Promise<Trace> {
  const res: ClientResponse[] = [];
  const one = async (req: Parameters<typeof send>[1]) => {
    const r = await send(prefix, req, o.requestTimeoutMs, signal);
    return { ...r, originCount: o.origin.requests(c.id).length };
  };
  for (const step of c.steps) {
    if (signal.aborted) break;
    if ("wait" in step) await sleep(step.wait, undefined, { signal });
    else if ("req" in step) res.push(await one(step.req));
    else res.push(...(await Promise.all(step.parallel.map(one))));
  }
  return { res, origin: o.origin.requests(c.id) };
}

function select(cases: readonly Case[], filter: RunOptions["filter"]): Case[] {
  if (!filter) return [...cases];
  if (typeof filter === "function") return cases.filter(filter);
  const wanted = new Set(filter);
  const unknown = [...wanted].filter((id) => !cases.some((c) => c.id === id));
  if (unknown.length) throw new Error(`unknown case ids: ${unknown.join(", ")}`);
  return cases.filter((c) => wanted.has(c.id));
}

function result(c: Case, v: Verdict, ms: number): CaseResult {
  return { id: c.id, topic: c.topic, level: c.level, ref: c.ref, title: c.title, outcome: v.outcome, detail: v.detail, figure: v.figure, ms };
}

export function totalsOf(results: readonly CaseResult[]): LevelTotals {
  const totals = Object.fromEntries(LEVELS.map((l) => [l, { passed: 0, failed: 0, na: 0 }])) as LevelTotals;
  for (const r of results) {
    if (r.outcome === "measured") continue;
    const t = totals[r.level];
    if (r.outcome === "pass") t.passed++;
    else if (r.outcome === "fail") t.failed++;
    else t.na++;
  }
  return totals;
}

function clientsIn(cases: readonly Case[], id: string): number {
  const c = cases.find((x) => x.id === id);
  return c?.steps.reduce((n, s) => n + ("parallel" in s ? s.parallel.length : "req" in s ? 1 : 0), 0) ?? 0;
}
