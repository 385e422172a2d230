// Whether a stored answer may answer this request, and how (RFC 9111 §4, RFC 5861): fresh, stale
// but allowed (max-stale, stale-while-revalidate), or only after validation upstream. Stale
// answers are never served where must-revalidate, proxy-revalidate or s-maxage forbid it.
import type { CompiledCachePolicy } from "../config/compiled.ts";
import { seconds, type Directives } from "./cache-control.ts";
import { currentAge, freshnessLifetime, type StoredHeaders } from "./freshness.ts";

export type Reuse =
  /** Serve it. */
  | { kind: "fresh"; age: number; ttl: number }
  /** Serve it stale (the client's max-stale allows it). */
  | { kind: "stale"; age: number; ttl: number }
  /** Serve it stale and refresh it in the background (stale-while-revalidate). */
  | { kind: "stale-while-revalidate"; age: number; ttl: number }
  /** Ask upstream first (conditionally when it has validators); `why` for Cache-Status. */
  | { kind: "validate"; age: number; ttl: number; why: "stale" | "no-cache" | "request" };

export interface StoredAnswer {
  status: number;
  headers: StoredHeaders;
  requestTime: number;
  responseTime: number;
}

const orZero = (s: number | null) => (s === null || Number.isNaN(s) ? 0 : s);

/** A shared cache may not serve this answer stale at all. */
export const mustRevalidate = (response: Directives) => response.has("must-revalidate") || response.has("proxy-revalidate") || response.has("s-maxage");

export function reuseOf(stored: StoredAnswer, response: Directives, request: Directives, policy: CompiledCachePolicy, now: number): Reuse {
  const lifetime = freshnessLifetime(stored.status, response, stored.headers, policy);
  const age = currentAge(stored.headers, stored.requestTime, stored.responseTime, now);
  const ttl = lifetime - age;
  if (response.has("no-cache")) return { kind: "validate", age, ttl, why: "no-cache" };
  if (request.has("no-cache")) return { kind: "validate", age, ttl, why: "request" };
  const maxAge = seconds(request, "max-age");
  // RFC 8246: an immutable answer is not revalidated because a client reloads while it is fresh.
  if (maxAge !== null && (Number.isNaN(maxAge) || age > maxAge) && !(response.has("immutable") && ttl > 0)) return { kind: "validate", age, ttl, why: "request" };
  const minFresh = orZero(seconds(request, "min-fresh"));
  if (ttl > 0 && ttl >= minFresh) return { kind: "fresh", age, ttl };
  if (ttl > 0) return { kind: "validate", age, ttl, why: "request" }; // fresh, not fresh enough for min-fresh
  if (mustRevalidate(response)) return { kind: "validate", age, ttl, why: "stale" };
  const maxStale = request.get("max-stale");
  if (maxStale === true || (maxStale !== undefined && -ttl <= orZero(seconds(request, "max-stale")))) return { kind: "stale", age, ttl };
  if (-ttl <= orZero(seconds(response, "stale-while-revalidate"))) return { kind: "stale-while-revalidate", age, ttl };
  return { kind: "validate", age, ttl, why: "stale" };
}

/** After a failed validation: the stored answer may be served stale (stale-if-error, RFC 5861 §4). */
export function staleIfError(stored: StoredAnswer, response: Directives, request: Directives, policy: CompiledCachePolicy, now: number): boolean {
  if (mustRevalidate(response) || response.has("no-cache")) return false;
  const lifetime = freshnessLifetime(stored.status, response, stored.headers, policy);
  const staleFor = currentAge(stored.headers, stored.requestTime, stored.responseTime, now) - lifetime;
  const allowed = Math.max(orZero(seconds(response, "stale-if-error")), orZero(seconds(request, "stale-if-error")), policy.staleIfErrorSeconds);
  return staleFor <= allowed;
}
