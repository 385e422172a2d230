// The one place that reads the bench's environment: run lengths, repeats, ports, Redis, the load
// generator override. Parsed once; everything else gets these values passed in.
import { randomBytes } from "node:crypto";

export function int(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}

export interface Settings {
  seconds: number;
  repeats: number;
  connections: number;
  rate: number;
  heldConnections: number;
  routeCounts: [small: number, large: number];
  /** Ports base..base+3: upstream, bare proxy, gateway, gateway admin. */
  portBase: number;
  redisUrl: string;
  redisPrefix: string;
  loadGenerator: "auto" | "wrk" | "autocannon";
}

export function readSettings(): Settings {
  const loadGenerator = process.env.BENCH_LOADGEN ?? "auto";
  if (loadGenerator !== "auto" && loadGenerator !== "wrk" && loadGenerator !== "autocannon") throw new Error(`BENCH_LOADGEN must be wrk or autocannon, got "${loadGenerator}"`);
  return {
    seconds: int("BENCH_SECONDS", 8, 1, 120),
    repeats: int("BENCH_REPEATS", 3, 1, 20),
    connections: int("BENCH_CONNECTIONS", 50, 1, 1000),
    rate: int("BENCH_RATE", 2000, 1, 100_000),
    heldConnections: int("BENCH_HELD_CONNECTIONS", 10_000, 0, 50_000),
    routeCounts: [10, int("BENCH_ROUTES", 10_000, 10, 50_000)],
    portBase: int("BENCH_PORT_BASE", 25_000, 1024, 65_000),
    redisUrl: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379",
    redisPrefix: `bench:${randomBytes(4).toString("hex")}:`,
    loadGenerator,
  };
}

/** Shorter or fewer runs than the defaults: a check that the bench works, not a measurement. */
export const isSmoke = (s: Settings) => s.seconds < 8 || s.repeats < 3;
