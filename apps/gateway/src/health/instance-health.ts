// The health of one instance as this gateway sees it: active check streaks, passive stats, the
// score and whether the instance is in rotation. A change is reported only when the score moves
// to another band or the rotation changes, not on every check.
import type { THealthCheck } from "@tta/domain";
import { band, healthScore, OUT_OF_ROTATION_BELOW } from "./health-score.ts";
import type { CallResult } from "../upstream/circuit-breaker/rolling-window.ts";
import { PassiveStats } from "./passive-stats.ts";

export interface HealthChange {
  previousScore: number;
  score: number;
  inRotation: boolean;
  reason: string;
}

export type Thresholds = Pick<THealthCheck, "healthyThreshold" | "unhealthyThreshold">;

export class InstanceHealth {
  score = 100;
  inRotation = true;
  lastCheckAt: number | null = null;
  lastCheckOk: boolean | null = null;
  lastCheckError: string | null = null;
  private down = false;
  private failedInARow = 0;
  private passedInARow = 0;
  private readonly passive = new PassiveStats();

  constructor(private readonly onChange: (change: HealthChange) => void) {}

  recordCheck(ok: boolean, error: string | null, now: number, thresholds: Thresholds): void {
    this.lastCheckAt = now;
    this.lastCheckOk = ok;
    this.lastCheckError = ok ? null : error;
    if (ok) {
      this.failedInARow = 0;
      this.passedInARow++;
      if (this.down && this.passedInARow >= thresholds.healthyThreshold) {
        this.down = false;
        this.passive.reset(); // what traffic said before the outage no longer applies
        this.refresh(now, `${this.passedInARow} health checks passed in a row`);
        return;
      }
    } else {
      this.passedInARow = 0;
      this.failedInARow++;
      if (!this.down && this.failedInARow >= thresholds.unhealthyThreshold) this.down = true;
    }
    this.refresh(now);
  }

  /** One proxied attempt and its verdict (upstream/attempt/verdict.ts). */
  recordTraffic(result: CallResult, latencyMs: number, now: number): void {
    this.passive.record(result, latencyMs, now);
    // Successes on a healthy instance change nothing worth recomputing on the hot path.
    if (result !== "success" || this.score < 100) this.refresh(now);
  }

  /** Recomputes the score (observations age out); reports a band or rotation change. */
  refresh(now: number, why?: string): void {
    const { score, reason } = healthScore({
      down: this.down,
      failedChecksInARow: this.down ? 0 : this.failedInARow,
      lastCheckError: this.lastCheckError,
      passive: this.passive.snapshot(now),
    });
    const previousScore = this.score;
    const inRotation = score >= OUT_OF_ROTATION_BELOW;
    this.score = score;
    if (band(score) === band(previousScore) && inRotation === this.inRotation) return;
    this.inRotation = inRotation;
    this.onChange({ previousScore, score, inRotation, reason: why ?? reason });
  }
}
