// One measured point: the same load repeated N times, each run bracketed by /proc readings of the
// processes that serve it, so every run yields CPU µs per request per process. Reports medians.
import { cpuUs } from "./cpu.ts";
import { runLoad, type Generator, type LoadResult, type LoadSpec } from "./load.ts";
import type { Launch, Proc } from "./processes.ts";
import { median, round } from "./stats.ts";

export interface Run extends LoadResult {
  /** CPU µs per request of each watched process, and of the load generator. */
  cpuUsPerRequest: Record<string, number | null>;
}

export interface Point {
  id: string;
  label: string;
  url: string;
  generator: Generator;
  connections: number;
  rate: number | null;
  seconds: number;
  median: { rps: number | null; p50Ms: number | null; p99Ms: number | null; errors: number; non2xx: number; cpuUsPerRequest: Record<string, number | null> };
  runs: Run[];
}

export async function measureOnce(spec: LoadSpec, generator: Generator, watched: Proc[], launch: Launch): Promise<Run> {
  const before = watched.map((p) => cpuUs(p.pid));
  const result = await runLoad(spec, generator, launch);
  const after = watched.map((p) => cpuUs(p.pid));
  const per = (us: number) => (result.requests > 0 ? round(us / result.requests, 1) : null);
  const cpuUsPerRequest: Record<string, number | null> = {};
  watched.forEach((p, i) => (cpuUsPerRequest[p.name] = per(after[i]! - before[i]!)));
  cpuUsPerRequest[`load generator (${generator})`] = per(result.generatorCpuUs);
  return { ...result, rps: round(result.rps)!, cpuUsPerRequest };
}

export function summarise(id: string, label: string, spec: LoadSpec, generator: Generator, runs: Run[]): Point {
  const names = Object.keys(runs[0]?.cpuUsPerRequest ?? {});
  const cpu: Record<string, number | null> = {};
  for (const n of names) cpu[n] = round(median(runs.map((r) => r.cpuUsPerRequest[n] ?? NaN)), 1);
  return {
    id,
    label,
    url: spec.url,
    generator,
    connections: spec.connections,
    rate: spec.rate ?? null,
    seconds: spec.seconds,
    median: {
      rps: round(median(runs.map((r) => r.rps))),
      p50Ms: round(median(runs.map((r) => r.p50Ms)), 2),
      p99Ms: round(median(runs.map((r) => r.p99Ms)), 2),
      errors: runs.reduce((s, r) => s + r.errors, 0),
      non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
      cpuUsPerRequest: cpu,
    },
    runs,
  };
}
