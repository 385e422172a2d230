// The rate-limit answer headers: the IETF draft's structured fields (draft-ietf-httpapi-ratelimit-
// headers: RateLimit-Policy `"name";q=<quota>;w=<window s>` and RateLimit `"name";r=<remaining>;
// t=<s until full>`), and the widespread RateLimit-Limit/-Remaining/-Reset of the earlier drafts.
// Remaining is capped at the quota: burst capacity on top is a bonus, not a promise.
import type { Context } from "../../pipeline/context.ts";
import type { RateLimitDecision } from "../../stores/rate-limit/interface.ts";

/** Into the context's answer headers (they go on the answer with the security headers, in one writeHead). */
export function setRateLimitHeaders(ctx: Context, policy: string, limit: number, windowMs: number, decision: RateLimitDecision): void {
  const remaining = Math.min(limit, decision.remaining);
  const reset = Math.ceil(decision.resetMs / 1000);
  const headers = (ctx.answerHeaders ??= {});
  headers["ratelimit-policy"] = `"${policy}";q=${limit};w=${Math.round(windowMs / 1000)}`;
  headers["ratelimit"] = `"${policy}";r=${remaining};t=${reset}`;
  headers["ratelimit-limit"] = String(limit);
  headers["ratelimit-remaining"] = String(remaining);
  headers["ratelimit-reset"] = String(reset);
}

/** Whole seconds, at least 1 (Retry-After has no fractions). */
export function retryAfterSeconds(decision: RateLimitDecision): string {
  return String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
}
