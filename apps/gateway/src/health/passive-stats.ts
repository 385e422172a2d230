// What proxied traffic says about one instance, over the last WINDOW_MS only: attempts in a row
// that got no answer (refused, reset, timed out; any answer ends the run, a 5xx one too: the
// instance is up), the failure ratio (5xx answers and failed attempts) and a moving average of the
// time to the answer's headers. Old observations age out, so an instance that was taken out of rotation
// by its traffic (and so gets none) is judged by its health checks again after the window.
import type { CallResult } from "../upstream/circuit-breaker/rolling-window.ts";

export const WINDOW_MS = 10_000;
const BUCKET_MS = 1_000;
const BUCKETS = WINDOW_MS / BUCKET_MS;
const EWMA_ALPHA = 0.2;

export interface PassiveSnapshot {
  consecutiveFailures: number;
  samples: number;
  failureRatio: number;
  latencyMs: number | null;
}

export class PassiveStats {
  private readonly totals = new Uint32Array(BUCKETS);
  private readonly failures = new Uint32Array(BUCKETS);
  private readonly stamps = new Float64Array(BUCKETS).fill(-1); // the bucket's start time
  private consecutive = 0;
  private lastFailureAt = 0;
  private latency: number | null = null;

  record(result: CallResult, latencyMs: number, now: number): void {
    const start = now - (now % BUCKET_MS);
    const i = (start / BUCKET_MS) % BUCKETS;
    if (this.stamps[i] !== start) {
      this.stamps[i] = start;
      this.totals[i] = 0;
      this.failures[i] = 0;
    }
    this.totals[i]!++;
    if (result !== "success") this.failures[i]!++;
    if (result !== "connection_failure") this.consecutive = 0;
    else {
      this.consecutive++;
      this.lastFailureAt = now;
    }
    this.latency = this.latency === null ? latencyMs : this.latency + EWMA_ALPHA * (latencyMs - this.latency);
  }

  snapshot(now: number): PassiveSnapshot {
    let samples = 0;
    let failed = 0;
    for (let i = 0; i < BUCKETS; i++) {
      if (now - this.stamps[i]! >= WINDOW_MS) continue;
      samples += this.totals[i]!;
      failed += this.failures[i]!;
    }
    const fresh = now - this.lastFailureAt < WINDOW_MS;
    return {
      consecutiveFailures: fresh ? this.consecutive : 0,
      samples,
      failureRatio: samples === 0 ? 0 : failed / samples,
      latencyMs: samples === 0 ? null : this.latency,
    };
  }

  reset(): void {
    this.stamps.fill(-1);
    this.consecutive = 0;
    this.latency = null;
  }
}
