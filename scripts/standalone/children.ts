// Child processes of the standalone start: output prefixed with their name.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<ChildExit>;
}

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /**
   * Its own process group, so the terminal's Ctrl-C reaches only the supervisor, which stops it in
   * order; with an IPC channel whose loss tells the child that the supervisor is gone.
   */
  detached?: boolean;
}

export function startChild(spec: ChildSpec): Child {
  const child = spawn(spec.command, spec.args, {
    env: spec.env,
    cwd: spec.cwd,
    detached: spec.detached ?? false,
    stdio: spec.detached ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  const prefix = `[${spec.name}]`.padEnd(10);
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", (line) => console.log(`${prefix} ${line}`));
  }
  // A failed spawn (ENOENT) emits "error" and then "close" without "exit".
  child.on("error", (error) => console.error(`${prefix} could not start: ${error.message}`));
  const exited = new Promise<ChildExit>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  return { name: spec.name, process: child, exited };
}

export const describeExit = (exit: ChildExit) => (exit.signal ? exit.signal : `exit ${exit.code}`);

/** SIGTERM, then SIGKILL after the grace period; resolves when it has exited. */
export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  const p = child.process;
  if (p.exitCode === null && p.signalCode === null) {
    p.kill("SIGTERM");
    const timer = setTimeout(() => p.kill("SIGKILL"), graceMs);
    await child.exited;
    clearTimeout(timer);
  }
  await child.exited;
}

export async function waitForHttp(url: string, timeoutMs: number, isDead: () => boolean): Promise<void> {
  await waitFor(url, timeoutMs, isDead, async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status < 500;
  });
}

/** Polls `check` until it returns true (a throw counts as "not yet"). */
export async function waitFor(what: string, timeoutMs: number, isDead: () => boolean, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (isDead()) throw new Error(`the process serving ${what} gave up`);
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer within ${timeoutMs} ms`);
}
