// Adaptive limiting: a small in-process signal of each service's recent outcomes (1-second buckets
// over the last 10 s: count, errors, latency), and per policy and service a factor that the limit
// is multiplied by. Once a second at most, the factor halves toward the policy's minFactor while
// mean latency or the error rate is over its threshold (with at least MIN_SAMPLES requests seen),
// and grows back by 0.1 per second once they are under: quick to protect, gentle to relax (AIMD).
// Per gateway instance: each one tightens from what it sees itself.
export const BUCKET_MS = 1_000;
const BUCKETS = 10;
const MIN_SAMPLES = 10;
const DECREASE = 0.5;
const INCREASE = 0.1;

interface Bucket {
  start: number;
  count: number;
  errors: number;
  latencyMs: number;
}

interface Factor {
  value: number;
  decidedAt: number;
}

export interface AdaptiveThresholds {
  readonly latencyMs: number;
  readonly errorRate: number;
  readonly minFactor: number;
}

export interface LoadStats {
  count: number;
  errorRate: number;
  meanLatencyMs: number;
}

export class AdaptiveLimits {
  private readonly services = new Map<string, Bucket[]>();
  private readonly factors = new Map<string, Factor>();

  constructor(private readonly now: () => number = Date.now) {}

  /** One finished request to `service` (failed = a 5xx, the gateway's or the upstream's). */
  record(service: string, latencyMs: number, failed: boolean): void {
    const bucket = this.bucket(service, this.now());
    bucket.count++;
    bucket.latencyMs += latencyMs;
    if (failed) bucket.errors++;
  }

  stats(service: string): LoadStats {
    const since = this.now() - BUCKETS * BUCKET_MS;
    let count = 0;
    let errors = 0;
    let latencyMs = 0;
    for (const b of this.services.get(service) ?? []) {
      if (b.start < since) continue;
      count += b.count;
      errors += b.errors;
      latencyMs += b.latencyMs;
    }
    return { count, errorRate: count ? errors / count : 0, meanLatencyMs: count ? latencyMs / count : 0 };
  }

  /** The factor (minFactor..1) for a policy's limit on a service right now. */
  factor(policy: string, service: string, thresholds: AdaptiveThresholds): number {
    const key = `${policy}\u0000${service}`;
    const t = this.now();
    let factor = this.factors.get(key);
    if (!factor) this.factors.set(key, (factor = { value: 1, decidedAt: t }));
    if (t - factor.decidedAt < BUCKET_MS) return factor.value;
    const steps = Math.min(10, Math.floor((t - factor.decidedAt) / BUCKET_MS));
    factor.decidedAt = t;
    const s = this.stats(service);
    const hot = s.count >= MIN_SAMPLES && (s.meanLatencyMs > thresholds.latencyMs || s.errorRate > thresholds.errorRate);
    factor.value = hot ? Math.max(thresholds.minFactor, factor.value * DECREASE) : Math.min(1, factor.value + INCREASE * steps);
    return factor.value;
  }

  private bucket(service: string, t: number): Bucket {
    const start = t - (t % BUCKET_MS);
    let ring = this.services.get(service);
    if (!ring) this.services.set(service, (ring = []));
    const last = ring[ring.length - 1];
    if (last && last.start === start) return last;
    const fresh = { start, count: 0, errors: 0, latencyMs: 0 };
    ring.push(fresh);
    if (ring.length > BUCKETS) ring.shift();
    return fresh;
  }
}
