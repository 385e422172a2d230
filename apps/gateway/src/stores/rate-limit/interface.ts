// One rate-limit decision per request, atomic wherever the counters live. The algorithm is GCRA
// (a token bucket kept as one timestamp per key): `limit` requests per `windowMs` sustained, and
// up to `limit + burst` at once from a full bucket. Redis and in-process stores answer alike.

export interface RateLimitRequest {
  /** "ratelimit:{subject}:{endpoint}"; the store puts REDIS_KEY_PREFIX in front. */
  key: string;
  /** Requests per window, at least 1. */
  limit: number;
  windowMs: number;
  /** Requests allowed at once on top of `limit` from a full bucket, at least 0. */
  burst: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Requests that would still be allowed right now, after this one. */
  remaining: number;
  /** When denied: time until one request will be allowed again. 0 when allowed. */
  retryAfterMs: number;
  /** Time until the bucket is full again (every counter of this key forgotten). */
  resetMs: number;
}

export interface RateLimitStore {
  readonly kind: "redis" | "local";
  /** Takes one request from the key's bucket. Rejects when the store cannot be reached. */
  take(request: RateLimitRequest): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

/** The emission interval (ms per request) and the bucket's size of a request. */
export function gcraParams(r: RateLimitRequest): { intervalMs: number; capacity: number } {
  const limit = Math.max(1, Math.floor(r.limit));
  return { intervalMs: r.windowMs / limit, capacity: limit + Math.max(0, Math.floor(r.burst)) };
}
