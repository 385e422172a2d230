// Breaker settings of a service: what it configured, the rest by its priority. Therapeutic and
// crisis services trip sooner (3 failures in 30 s) and probe again sooner (15 s) than standard
// ones (5 in 60 s, open 30 s): a therapeutic session should move to a healthy instance quickly
// and get its instance back quickly.
import type { TCircuitBreaker } from "@tta/domain";

export type Priority = "standard" | "therapeutic" | "crisis";

export interface BreakerSettings {
  /** Failures within windowMs that open the breaker. */
  readonly failureThreshold: number;
  readonly windowMs: number;
  /** Open time before probes are let through (the reset timeout). */
  readonly openMs: number;
  /** Probes at once while half-open; that many successes close it. */
  readonly halfOpenProbes: number;
}

const BY_PRIORITY: Record<Priority, Omit<BreakerSettings, "halfOpenProbes">> = {
  standard: { failureThreshold: 5, windowMs: 60_000, openMs: 30_000 },
  therapeutic: { failureThreshold: 3, windowMs: 30_000, openMs: 15_000 },
  crisis: { failureThreshold: 3, windowMs: 30_000, openMs: 15_000 },
};

export function breakerSettings(priority: Priority, configured: Partial<TCircuitBreaker> = {}): BreakerSettings {
  const base = BY_PRIORITY[priority];
  return Object.freeze({
    failureThreshold: configured.failureThreshold ?? base.failureThreshold,
    windowMs: configured.windowMs ?? base.windowMs,
    openMs: configured.openMs ?? base.openMs,
    halfOpenProbes: configured.halfOpenProbes ?? 2,
  });
}
