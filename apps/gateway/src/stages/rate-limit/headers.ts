// The rate-limit answer headers: the IETF draft's structured fields (draft-ietf-httpapi-ratelimit-
// headers: RateLimit-Policy `"name";q=<quota>;w=<window s>` and RateLimit `"name";r=<remaining>;
// t=<s until full>`), and the widespread RateLimit-Limit/-Remaining/-Reset of the earlier drafts.
// Remaining is capped at the quota: burst capacity on top is a bonus, not a promise.
import type { ServerResponse } from "node:http";
import type { RateLimitDecision } from "../../stores/rate-limit/interface.ts";

export function setRateLimitHeaders(res: ServerResponse, policy: string, limit: number, windowMs: number, decision: RateLimitDecision): void {
  const remaining = Math.min(limit, decision.remaining);
  const reset = Math.ceil(decision.resetMs / 1000);
  res.setHeader("ratelimit-policy", `"${policy}";q=${limit};w=${Math.round(windowMs / 1000)}`);
  res.setHeader("ratelimit", `"${policy}";r=${remaining};t=${reset}`);
  res.setHeader("ratelimit-limit", String(limit));
  res.setHeader("ratelimit-remaining", String(remaining));
  res.setHeader("ratelimit-reset", String(reset));
}

/** Whole seconds, at least 1 (Retry-After has no fractions). */
export function retryAfterSeconds(decision: RateLimitDecision): string {
  return String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
}
