// The WebSocket bench's environment (`npm run bench:ws`), read once: run lengths, connection counts,
// rates, ports, Redis. Short runs or few connections make a smoke run, not a measurement.
import { randomBytes } from "node:crypto";
import { int } from "./settings.ts";

export interface WsBenchSettings {
  seconds: number;
  repeats: number;
  /** Idle connections to hold (capped by the open-files limit). */
  idleConnections: number;
  /** Messages per second for all connections together, and over how many connections. */
  rate: number;
  rateConnections: number;
  roomMembers: number;
  /** Room broadcasts per second (each reaches every member). */
  roomRate: number;
  /** Ports base..base+5: echo upstream, bare relay, gateway A and its admin, gateway B and its admin. */
  portBase: number;
  redisUrl: string;
  redisPrefix: string;
}

export function readWsSettings(): WsBenchSettings {
  return {
    seconds: int("BENCH_SECONDS", 8, 1, 120),
    repeats: int("BENCH_REPEATS", 3, 1, 10),
    idleConnections: int("BENCH_WS_CONNECTIONS", 10_000, 1, 50_000),
    rate: int("BENCH_WS_RATE", 1_000, 1, 20_000),
    rateConnections: int("BENCH_WS_RATE_CONNECTIONS", 50, 1, 1_000),
    roomMembers: int("BENCH_WS_ROOM_MEMBERS", 100, 2, 2_000),
    roomRate: int("BENCH_WS_ROOM_RATE", 10, 1, 1_000),
    portBase: int("BENCH_PORT_BASE", 25_100, 1024, 32_700),
    redisUrl: process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    redisPrefix: `bench:ws:${randomBytes(4).toString("hex")}:`,
  };
}

export const isWsSmoke = (s: WsBenchSettings) => s.seconds < 8 || s.repeats < 3 || s.idleConnections < 1_000;
