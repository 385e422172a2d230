// Small readings the WebSocket phases take between runs: a few sequential GETs (is plain HTTP still
// answered, and how fast), a gateway's Prometheus lines for a route, the echo upstream's open legs,
// and a load process's one-line answer.
import { performance } from "node:perf_hooks";
import { spawnProc, waitForLine, type Launch } from "./processes.ts";
import { Samples } from "./ws-latency.ts";

export async function httpProbe(url: string, count: number) {
  const samples = new Samples();
  let failed = 0;
  let firstError: string | null = null;
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      samples.add(performance.now() - start);
    } catch (error) {
      failed++;
      firstError ??= String(error);
    }
  }
  const { p50Ms, maxMs } = samples.summary();
  return { requests: count, answered200: samples.count, failed, firstError, p50Ms, maxMs };
}

/** Sample lines of the gateway's /metrics whose name starts with `prefix` and that contain `filter`, as { "name{labels}": value }. */
export async function metricLines(adminUrl: string, prefix: string, filter = ""): Promise<Record<string, number>> {
  const text = await fetch(`${adminUrl}/metrics`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.text());
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    if (!line.startsWith(prefix) || !line.includes(filter)) continue;
    const space = line.lastIndexOf(" ");
    out[line.slice(0, space)] = Number(line.slice(space + 1));
  }
  return out;
}

/** WebSocket connections the echo upstream has open (upstream legs, or direct clients). */
export async function echoOpen(echoHttp: string): Promise<number> {
  const answer = (await fetch(`${echoHttp}/_stats`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.json())) as { open: number };
  return answer.open;
}

/** Runs `node --import tsx <script>` as a load process and resolves with the JSON line it prints. */
export async function runJsonScript<T>(name: string, script: string, args: string[], launch: Launch, timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<T> {
  const proc = spawnProc(name, process.execPath, ["--import", "tsx", script, ...args], { launch, env });
  try {
    const line = await waitForLine(proc, /^\{/, timeoutMs);
    await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 5_000))]);
    return JSON.parse(line) as T;
  } finally {
    await proc.stop(2_000);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
