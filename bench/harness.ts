// Shared pieces of the in-process autocannon benchmarks (edge-overhead, safety-overhead): child
// processes, and autocannon runs that are bounded in time and only ever target 127.0.0.1.
// `npm run bench` uses bench/lib/ instead (an external load generator, pinned processes).
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import autocannon from "autocannon";

export interface Proc {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <script>` and resolves when a stdout line matches `ready`. */
export function startNode(script: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ proc: Proc; line: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const proc: Proc = {
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 30 s`)), 30_000);
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (ready.test(line)) {
        clearTimeout(timer);
        resolve({ proc, line });
      }
    });
  });
}

export interface RunResult {
  label: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

/**
 * `headers`: extra request headers, asked for each request (e.g. a rotating Authorization).
 * `method` and `body`: the same request body each time (a JSON body gets its content type).
 */
export async function run(
  label: string,
  url: string,
  opts: { connections: number; seconds: number; rate?: number; headers?: () => Record<string, string>; method?: string; body?: string },
): Promise<RunResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error("benchmarks only target 127.0.0.1");
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    overallRate: opts.rate,
    pipelining: 1,
    ...(opts.method ? { method: opts.method as "POST" } : {}),
    ...(opts.body !== undefined ? { body: opts.body, headers: { "content-type": "application/json" } } : {}),
    ...(opts.headers ? { requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...opts.headers!() } }) }] } : {}),
  });
  return {
    label,
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}
