// The in-process twin of the Redis limiter (standalone mode, one gateway): the same GCRA over a Map
// of theoretical arrival times. Entries whose bucket is full again are swept; the map is bounded.
import { gcraParams, type RateLimitDecision, type RateLimitRequest, type RateLimitStore } from "./interface.ts";

export interface LocalRateLimitOptions {
  now?: () => number;
  /** Most keys kept at once; beyond it the oldest are dropped (they forget their counters). */
  maxKeys?: number;
  sweepEveryMs?: number;
}

const EPSILON = 1e-9;

export function createLocalRateLimitStore(options: LocalRateLimitOptions = {}): RateLimitStore & { size(): number } {
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const maxKeys = options.maxKeys ?? 100_000;
  const tats = new Map<string, number>();

  function sweep(): void {
    const t = now();
    for (const [key, tat] of tats) if (tat <= t) tats.delete(key);
  }
  const timer = setInterval(sweep, options.sweepEveryMs ?? 10_000);
  timer.unref();

  return {
    kind: "local",
    size: () => tats.size,
    async take(request: RateLimitRequest): Promise<RateLimitDecision> {
      const { intervalMs, capacity } = gcraParams(request);
      const t = now();
      const tat = Math.max(tats.get(request.key) ?? t, t);
      const newTat = tat + intervalMs;
      const allowAt = newTat - intervalMs * capacity;
      if (t < allowAt) return { allowed: false, remaining: 0, retryAfterMs: Math.ceil(allowAt - t), resetMs: Math.ceil(tat - t) };
      tats.delete(request.key); // re-insert: Map order is then least recently used first
      tats.set(request.key, newTat);
      if (tats.size > maxKeys) {
        sweep();
        for (const key of tats.keys()) {
          if (tats.size <= maxKeys) break;
          tats.delete(key);
        }
      }
      return { allowed: true, remaining: Math.floor((t - allowAt) / intervalMs + EPSILON), retryAfterMs: 0, resetMs: Math.ceil(newTat - t) };
    },
    async close() {
      clearInterval(timer);
      tats.clear();
    },
  };
}
