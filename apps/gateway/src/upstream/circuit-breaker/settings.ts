// Breaker settings of a service: what it configured, the rest by its priority. Therapeutic and
// crisis services trip on fewer calls (10 rather than 20) and connection failures (3 rather than 5)
// and probe again sooner (15 s rather than 30 s): a therapeutic session should move to a healthy
// instance quickly and get its instance back quickly. Before issue 8 a service configured
// `failureThreshold` failures within `windowMs`; that count now means connection failures and
// timeouts, the strong signal, and windowMs is the sliding window.
import type { TCircuitBreaker } from "@tta/domain";

export type Priority = "standard" | "therapeutic" | "crisis";

export interface BreakerSettings {
  /** The sliding window (ten buckets). */
  readonly windowMs: number;
  /** Calls within the window before the failure rate counts. */
  readonly minimumCalls: number;
  /** % of the window's calls failed (5xx, connection failures, timeouts) that opens the breaker. */
  readonly failureRateThreshold: number;
  /** Connection failures and timeouts within the window that open the breaker on their own. */
  readonly connectionFailureThreshold: number;
  /** Open time before probes are let through (the reset timeout), unless an active check passes first. */
  readonly openMs: number;
  /** Probes at once while half-open; that many successes close it. */
  readonly halfOpenProbes: number;
  /** % of the service's in-rotation instances that must keep taking traffic when 5xx answers would open a breaker. */
  readonly panicThreshold: number;
}

type ByPriority = Pick<BreakerSettings, "minimumCalls" | "connectionFailureThreshold" | "openMs">;
const BY_PRIORITY: Record<Priority, ByPriority> = {
  standard: { minimumCalls: 20, connectionFailureThreshold: 5, openMs: 30_000 },
  therapeutic: { minimumCalls: 10, connectionFailureThreshold: 3, openMs: 15_000 },
  crisis: { minimumCalls: 10, connectionFailureThreshold: 3, openMs: 15_000 },
};

export function breakerSettings(priority: Priority, configured: Partial<TCircuitBreaker> = {}): BreakerSettings {
  const base = BY_PRIORITY[priority];
  return Object.freeze({
    windowMs: configured.windowMs ?? 10_000,
    minimumCalls: configured.minimumCalls ?? base.minimumCalls,
    failureRateThreshold: configured.failureRateThreshold ?? 50,
    connectionFailureThreshold: configured.connectionFailureThreshold ?? configured.failureThreshold ?? base.connectionFailureThreshold,
    openMs: configured.openMs ?? base.openMs,
    halfOpenProbes: configured.halfOpenProbes ?? 2,
    panicThreshold: configured.panicThreshold ?? 50,
  });
}
