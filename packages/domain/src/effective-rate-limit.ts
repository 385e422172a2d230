// The limit a request really gets from its rate-limit policy: therapeutic requests get the
// policy's therapeutic multiplier, adaptive policies shrink by the upstream's recent health. The
// gateway's rate-limit stage computes its quota with this, and the console's policy and route pages
// explain the same numbers with it, so a page never says 100 where a token sees q=150.
import type { TTherapeuticPriority } from "./schemas.ts";

export interface RateLimitBase {
  limit: number;
  burst: number;
  therapeuticMultiplier: number;
}

export interface EffectiveRateLimit {
  /** Requests per window (at least 1). */
  limit: number;
  burst: number;
  /** What the policy's limit and burst were multiplied by. */
  factor: number;
}

/**
 * Whether a request counts as therapeutic: its priority (the route's service, or a crisis the scan
 * found) is not standard, or its token names a therapeutic session.
 */
export function isTherapeuticRequest(priority: TTherapeuticPriority, hasTherapeuticSession: boolean): boolean {
  return priority !== "standard" || hasTherapeuticSession;
}

/** `adaptiveFactor` is 1 unless an adaptive policy's upstream is slow or failing (down to its minFactor). */
export function effectiveRateLimit(policy: RateLimitBase, request: { therapeutic: boolean; adaptiveFactor?: number }): EffectiveRateLimit {
  const factor = (request.therapeutic ? policy.therapeuticMultiplier : 1) * (request.adaptiveFactor ?? 1);
  return { limit: Math.max(1, Math.floor(policy.limit * factor)), burst: Math.floor(policy.burst * factor), factor };
}
