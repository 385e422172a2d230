// A breaker's sliding window: BUCKETS buckets of windowMs / BUCKETS each, counting calls by their
// result and the calls the breaker refused (Hystrix's rolling counters, resilience4j's time-based
// sliding window). A bucket older than the window is cleared when its slot comes round again, so
// recording is O(1) and a count sums BUCKETS buckets.
import type { TBreakerRolling } from "@tta/domain";

export const BUCKETS = 10;

/** An attempt's verdict for the breaker: answered below 500, a 5xx answer, or no answer at all. */
export type CallResult = "success" | "failure" | "connection_failure";
type Counted = CallResult | "reject";
const KINDS: readonly Counted[] = ["success", "failure", "connection_failure", "reject"];

export class RollingWindow {
  private readonly bucketMs: number;
  private readonly starts = new Float64Array(BUCKETS).fill(-Infinity);
  private readonly counts = KINDS.map(() => new Uint32Array(BUCKETS));

  constructor(readonly windowMs: number) {
    this.bucketMs = Math.max(1, Math.ceil(windowMs / BUCKETS));
  }

  record(kind: Counted, now: number): void {
    const n = Math.floor(now / this.bucketMs);
    const slot = n % BUCKETS;
    const start = n * this.bucketMs;
    if (this.starts[slot] !== start) {
      this.starts[slot] = start;
      for (const c of this.counts) c[slot] = 0;
    }
    this.counts[KINDS.indexOf(kind)]![slot]!++;
  }

  /** The counts of the buckets that overlap the last windowMs. */
  totals(now: number): TBreakerRolling {
    const oldest = (Math.floor(now / this.bucketMs) - BUCKETS + 1) * this.bucketMs;
    const sum = [0, 0, 0, 0];
    for (let slot = 0; slot < BUCKETS; slot++) {
      if (this.starts[slot]! < oldest) continue;
      for (let k = 0; k < KINDS.length; k++) sum[k]! += this.counts[k]![slot]!;
    }
    return { windowMs: this.windowMs, successes: sum[0]!, failures: sum[1]!, connectionFailures: sum[2]!, rejects: sum[3]! };
  }

  clear(): void {
    this.starts.fill(-Infinity);
  }
}
