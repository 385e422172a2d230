// The rate-limit store as the stage uses it: one decision, or "unavailable" when the store cannot
// answer in time (Redis down or stuck). Then each request follows its policy's failMode; every such
// request counts in the metric, and the outage is logged once when it starts and once when it ends.
// After a failure the store is not asked again for `retryAfterFailureMs`, so a stuck Redis does not
// add its timeout to every request; the next request after that probes it, and it recovers alone.
import type { Logger } from "pino";
import type { RateLimitDecision, RateLimitRequest, RateLimitStore } from "../stores/rate-limit/interface.ts";
import { outageError } from "../net/connection-error.ts";

export type GuardedDecision = { kind: "decided"; decision: RateLimitDecision } | { kind: "unavailable" };

export interface GuardedLimiterOptions {
  store: RateLimitStore;
  log: Logger;
  /** Counts each request decided without the store (component "rate_limit", reason fail_open/fail_closed). */
  onFallback?: (failMode: "open" | "closed") => void;
  timeoutMs?: number;
  retryAfterFailureMs?: number;
  now?: () => number;
}

const UNAVAILABLE: GuardedDecision = { kind: "unavailable" };

export class GuardedLimiter {
  private downSince: number | null = null;
  private skipUntil = 0;
  private fallbacks = 0;

  constructor(private readonly options: GuardedLimiterOptions) {}

  get storeKind(): RateLimitStore["kind"] {
    return this.options.store.kind;
  }

  async take(request: RateLimitRequest, failMode: "open" | "closed"): Promise<GuardedDecision> {
    const now = this.options.now ?? Date.now;
    if (this.downSince !== null && now() < this.skipUntil) return this.fallback(failMode);
    let timer: NodeJS.Timeout | undefined;
    try {
      const decision = await Promise.race([
        this.options.store.take(request),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${this.options.timeoutMs ?? 250} ms`)), this.options.timeoutMs ?? 250);
        }),
      ]);
      if (this.downSince !== null) {
        this.options.log.info({ store: this.storeKind, downMs: now() - this.downSince, decidedWithoutStore: this.fallbacks }, "rate-limit store reachable again");
        this.downSince = null;
        this.fallbacks = 0;
      }
      return { kind: "decided", decision };
    } catch (error) {
      if (this.downSince === null) {
        this.downSince = now();
        this.options.log.warn({ store: this.storeKind, err: outageError(error) }, "rate-limit store unreachable; each policy fails open or closed as configured until it is back");
      }
      this.skipUntil = now() + (this.options.retryAfterFailureMs ?? 500);
      return this.fallback(failMode);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return this.options.store.close();
  }

  private fallback(failMode: "open" | "closed"): GuardedDecision {
    this.fallbacks++;
    this.options.onFallback?.(failMode);
    return UNAVAILABLE;
  }
}
