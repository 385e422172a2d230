// The health score of an instance, 0-100, from its health checks and its traffic. Under
// OUT_OF_ROTATION_BELOW the instance takes no requests. Bands (for live events): healthy >= 70,
// degraded >= 30, unhealthy below.
//
//   down by health checks (unhealthyThreshold failed in a row, not yet healthyThreshold passed) -> 0
//   otherwise 100
//     - 20 per failed health check in a row (below the unhealthy threshold)
//     - 15 per request in a row that got no answer (5 in a row take it out of rotation; 5xx answers
//       alone never do: the breaker, with its panic threshold, handles those)
//     - 50 x failure ratio over the last 10 s (5xx answers and failed attempts; from 5 samples on)
//     - 10 when answers take over 1 s on average, 20 over 3 s
import type { PassiveSnapshot } from "./passive-stats.ts";

export const OUT_OF_ROTATION_BELOW = 30;
const MIN_SAMPLES = 5;

export type HealthBand = "healthy" | "degraded" | "unhealthy";

export function band(score: number): HealthBand {
  return score >= 70 ? "healthy" : score >= OUT_OF_ROTATION_BELOW ? "degraded" : "unhealthy";
}

export interface ScoreInput {
  down: boolean;
  failedChecksInARow: number;
  lastCheckError: string | null;
  passive: PassiveSnapshot;
}

export function healthScore(input: ScoreInput): { score: number; reason: string } {
  if (input.down) return { score: 0, reason: `failing health checks${input.lastCheckError ? ` (${input.lastCheckError})` : ""}` };
  const { passive } = input;
  const penalties: Array<[number, string]> = [
    [20 * input.failedChecksInARow, `${input.failedChecksInARow} failed health check(s) in a row${input.lastCheckError ? ` (${input.lastCheckError})` : ""}`],
    [15 * passive.consecutiveFailures, `${passive.consecutiveFailures} request(s) in a row without an answer`],
    [passive.samples >= MIN_SAMPLES ? Math.round(50 * passive.failureRatio) : 0, `${Math.round(100 * passive.failureRatio)}% of requests failed in the last 10 s`],
    [passive.latencyMs === null ? 0 : passive.latencyMs > 3_000 ? 20 : passive.latencyMs > 1_000 ? 10 : 0, `slow answers (${Math.round(passive.latencyMs ?? 0)} ms on average)`],
  ];
  let score = 100;
  let worst: [number, string] = [0, "healthy"];
  for (const penalty of penalties) {
    score -= penalty[0];
    if (penalty[0] > worst[0]) worst = penalty;
  }
  return { score: Math.max(0, Math.min(100, score)), reason: worst[1] };
}
