// The load generator, always a separate process on the client core: wrk when installed (it has no
// constant-rate mode, so fixed-rate runs use autocannon's --overallRate), else autocannon's CLI.
// Only 127.0.0.1 is ever targeted; every run is bounded by its duration.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { reapedChildrenCpuUs } from "./cpu.ts";
import { spawnProc, type Launch } from "./processes.ts";

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve("autocannon/autocannon.js");
const WRK_SCRIPT = resolve(import.meta.dirname, "wrk-report.lua");

export type Generator = "wrk" | "autocannon";

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  /** Requests per second for all connections together; unset = as fast as the server answers. */
  rate?: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  generator: Generator;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** CPU time of the load generator process itself. */
  generatorCpuUs: number;
}

export function wrkVersion(): string | null {
  const r = spawnSync("wrk", ["-v"], { encoding: "utf8" });
  if (r.error) return null;
  return /wrk (\S+)/.exec(`${r.stdout}${r.stderr}`)?.[1] ?? "unknown";
}

export function autocannonVersion(): string {
  return (require("autocannon/package.json") as { version: string }).version;
}

/** Which generator a run uses: wrk for unbounded runs when present (unless told otherwise). */
export function pickGenerator(spec: Pick<LoadSpec, "rate">, preference: "auto" | Generator, wrk: boolean): Generator {
  if (spec.rate !== undefined) return "autocannon";
  if (preference === "autocannon" || !wrk) return "autocannon";
  return "wrk";
}

export async function runLoad(spec: LoadSpec, generator: Generator, launch: Launch): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(spec.url)) throw new Error(`benchmarks only target 127.0.0.1, not ${spec.url}`);
  const headers = Object.entries(spec.headers ?? {});
  const [cmd, args] =
    generator === "wrk"
      ? ["wrk", ["-t1", `-c${spec.connections}`, `-d${spec.seconds}s`, "--timeout", "10s", "-s", WRK_SCRIPT, ...headers.flatMap(([k, v]) => ["-H", `${k}: ${v}`]), spec.url]]
      : [process.execPath, [AUTOCANNON, "-j", "-n", "-c", String(spec.connections), "-d", String(spec.seconds), ...(spec.rate ? ["-R", String(spec.rate)] : []), ...headers.flatMap(([k, v]) => ["-H", `${k}=${v}`]), spec.url]];
  const before = reapedChildrenCpuUs();
  const proc = spawnProc(generator, cmd, args, { launch });
  let out = "";
  proc.child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const timer = setTimeout(() => void proc.stop(1_000), (spec.seconds + 30) * 1000);
  const code = await proc.exited;
  clearTimeout(timer);
  const generatorCpuUs = reapedChildrenCpuUs() - before;
  if (code !== 0) throw new Error(`${generator} exited with ${code}: ${out.slice(-500)}`);
  return { ...(generator === "wrk" ? parseWrk(out) : parseAutocannon(out)), generator, generatorCpuUs };
}

function parseWrk(out: string): Omit<LoadResult, "generator" | "generatorCpuUs"> {
  const line = out.split("\n").find((l) => l.startsWith("WRK_JSON "));
  if (!line) throw new Error(`wrk printed no summary: ${out.slice(-500)}`);
  const s = JSON.parse(line.slice("WRK_JSON ".length)) as Record<string, number>;
  return {
    requests: s.requests!,
    rps: s.requests! / (s.durationUs! / 1e6),
    p50Ms: s.p50Us! / 1000,
    p99Ms: s.p99Us! / 1000,
    errors: s.connect! + s.read! + s.write! + s.timeout!,
    non2xx: s.status!,
  };
}

function parseAutocannon(out: string): Omit<LoadResult, "generator" | "generatorCpuUs"> {
  const line = out.trim().split("\n").findLast((l) => l.startsWith("{"));
  if (!line) throw new Error(`autocannon printed no JSON: ${out.slice(-500)}`);
  const r = JSON.parse(line) as { requests: { total: number }; duration: number; latency: { p50: number; p99: number }; errors: number; timeouts: number; non2xx: number };
  return { requests: r.requests.total, rps: r.requests.total / r.duration, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}
