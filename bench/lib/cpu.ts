// What a process has used, read from /proc: user + system CPU time (all threads) and resident
// memory. CPU time of a load generator that has exited is read from the bench process's own
// "children" times, which grow when a child is reaped.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let ticks: number | undefined;
/** Clock ticks per second of /proc/<pid>/stat (usually 100: a resolution of 10 ms). */
export function clockTicks(): number {
  ticks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return ticks;
}

function statFields(pid: number | "self"): string[] {
  // The command name (field 2) may contain spaces: split after its closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** utime + stime of a running process, in µs. */
export function cpuUs(pid: number): number {
  const f = statFields(pid);
  return ((Number(f[11]) + Number(f[12])) * 1_000_000) / clockTicks();
}

/** cutime + cstime of this process: CPU of its children that have exited and been waited for, in µs. */
export function reapedChildrenCpuUs(): number {
  const f = statFields("self");
  return ((Number(f[13]) + Number(f[14])) * 1_000_000) / clockTicks();
}

/** Resident set size and its peak (VmRSS, VmHWM), in bytes. */
export function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}
