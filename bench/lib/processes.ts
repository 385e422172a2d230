// Child processes of the bench: started through `taskset` (pinned to a core) and `prlimit` (their
// own open-files limit) when those exist, both exec'ing so the pid we read /proc of is the
// program's own. A process is ready when a stdout line matches; its other lines go to stderr.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { createInterface } from "node:readline";

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;

export interface Pinning {
  tool: "taskset" | null;
  /** Load generators and the bench process itself. */
  clientCore: number | null;
  /** Upstream, bare proxy and gateway. */
  serverCore: number | null;
  note: string;
}

export function detectPinning(): Pinning {
  if (!has("taskset")) return { tool: null, clientCore: null, serverCore: null, note: "taskset not found: nothing pinned" };
  if (cpus().length < 2) return { tool: null, clientCore: null, serverCore: null, note: "one core only: nothing pinned" };
  return { tool: "taskset", clientCore: 0, serverCore: 1, note: "load generators and the bench process on core 0; upstream, bare proxy and gateway on core 1; PostgreSQL and Redis not pinned (not ours)" };
}

/** Pins a running process (all its threads) to a core; used for the bench process itself. */
export function pinSelf(core: number | null): void {
  if (core !== null) spawnSync("taskset", ["-a", "-p", "-c", String(core), String(process.pid)], { stdio: "ignore" });
}

/** The hard open-files limit of this process (a child may raise its soft limit up to it). */
export function hardNofile(): number {
  const line = readFileSync("/proc/self/limits", "utf8").split("\n").find((l) => l.startsWith("Max open files"));
  const hard = line?.trim().split(/\s+/)[4];
  return hard === undefined || hard === "unlimited" ? 1_048_576 : Number(hard);
}

export interface Launch {
  core?: number | null;
  /** Open-files limit (soft = hard) for this child only. */
  nofile?: number;
}

function wrap(cmd: string, args: string[], launch: Launch): [string, string[]] {
  let argv = [cmd, ...args];
  if (launch.nofile !== undefined) {
    argv = has("prlimit")
      ? ["prlimit", `--nofile=${launch.nofile}:${launch.nofile}`, "--", ...argv]
      : ["bash", "-c", `ulimit -n ${launch.nofile} && exec "$0" "$@"`, ...argv];
  }
  if (launch.core !== undefined && launch.core !== null) argv = ["taskset", "-c", String(launch.core), ...argv];
  return [argv[0]!, argv.slice(1)];
}

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnProc(name: string, cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; launch?: Launch; stdin?: boolean } = {}): Proc {
  const [file, argv] = wrap(cmd, args, opts.launch ?? {});
  const child = spawn(file, argv, { env: { ...process.env, ...opts.env }, stdio: [opts.stdin ? "pipe" : "ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on("line", (line) => process.stderr.write(`[${name}] ${line}\n`));
  return {
    name,
    child,
    pid: child.pid!,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves with the first stdout line matching `ready`; later lines are passed to `onLine`. */
export function waitForLine(proc: Proc, ready: RegExp, timeoutMs = 60_000, onLine?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => finish(new Error(`${proc.name}: no line matching ${ready} in ${timeoutMs} ms`)), timeoutMs);
    const finish = (error: Error | null, line?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(line!);
    };
    void proc.exited.then((code) => finish(new Error(`${proc.name} exited with ${code} before it was ready`)));
    createInterface({ input: proc.child.stdout! }).on("line", (line) => {
      if (!done && ready.test(line)) return finish(null, line);
      if (onLine) onLine(line);
      else process.stderr.write(`[${proc.name}] ${line}\n`);
    });
  });
}

/** `node --import tsx <script>` under this process's Node, started and ready. */
export async function startNodeScript(name: string, script: string, args: string[], opts: { env?: NodeJS.ProcessEnv; launch?: Launch; ready: RegExp; stdin?: boolean }): Promise<{ proc: Proc; line: string }> {
  const proc = spawnProc(name, process.execPath, ["--import", "tsx", script, ...args], opts);
  try {
    return { proc, line: await waitForLine(proc, opts.ready) };
  } catch (error) {
    await proc.stop(2_000);
    throw error;
  }
}
