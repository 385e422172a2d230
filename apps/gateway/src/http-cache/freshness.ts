// How long a stored answer is fresh and how old it is, for a shared cache (RFC 9111 §4.2):
// s-maxage, then max-age, then Expires - Date, then the route's default TTL, then the heuristic
// (10 % of the time since Last-Modified) where §4.2.2 allows one; the route's maximum TTL caps
// them all. Ages follow §4.2.3, so an answer that was already old upstream (Age) stays old here.
import { seconds, type Directives } from "./cache-control.ts";

export type StoredHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** §4.2.2: statuses that may get a heuristic freshness. */
export const HEURISTICALLY_CACHEABLE: ReadonlySet<number> = new Set([200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501]);

export interface FreshnessPolicy {
  /** Freshness given to a storable answer without explicit freshness; 0 = none (the heuristic may apply). */
  defaultTtlSeconds: number;
  /** No answer is fresh for longer, whatever the upstream says. */
  maxTtlSeconds: number;
}

export const HEURISTIC_FRACTION = 0.1;
/** A heuristic never makes an answer fresh for longer than a day. */
export const HEURISTIC_MAX_SECONDS = 86_400;

const one = (value: string | readonly string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : (value as string | undefined));

/** An HTTP-date in ms since the epoch; null when absent or invalid. */
export function httpDate(value: string | readonly string[] | undefined): number | null {
  const text = one(value);
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Whether the answer carries explicit freshness for a shared cache (§4.2.1). */
export function hasExplicitFreshness(directives: Directives, headers: StoredHeaders): boolean {
  return directives.has("s-maxage") || directives.has("max-age") || headers.expires !== undefined;
}

/** The freshness lifetime in seconds (§4.2.1, §4.2.2), capped by the policy. */
export function freshnessLifetime(status: number, directives: Directives, headers: StoredHeaders, policy: FreshnessPolicy): number {
  const cap = (s: number) => Math.max(0, Math.min(s, policy.maxTtlSeconds));
  const sMaxAge = seconds(directives, "s-maxage");
  if (sMaxAge !== null) return Number.isNaN(sMaxAge) ? 0 : cap(sMaxAge);
  const maxAge = seconds(directives, "max-age");
  if (maxAge !== null) return Number.isNaN(maxAge) ? 0 : cap(maxAge);
  if (headers.expires !== undefined) {
    const expires = httpDate(headers.expires);
    if (expires === null) return 0; // §5.3: an invalid Expires means already expired
    const date = httpDate(headers.date);
    return cap(Math.floor((expires - (date ?? expires)) / 1000));
  }
  if (policy.defaultTtlSeconds > 0) return cap(policy.defaultTtlSeconds);
  if (!HEURISTICALLY_CACHEABLE.has(status) && !directives.has("public")) return 0;
  const lastModified = httpDate(headers["last-modified"]);
  const date = httpDate(headers.date);
  if (lastModified === null || date === null || lastModified >= date) return 0;
  return cap(Math.min(HEURISTIC_MAX_SECONDS, Math.floor(((date - lastModified) / 1000) * HEURISTIC_FRACTION)));
}

/** §4.2.3: the answer's current age in seconds, from its Age and Date and when it was fetched. */
export function currentAge(headers: StoredHeaders, requestTime: number, responseTime: number, now: number): number {
  const ageValue = Number.parseInt(one(headers.age) ?? "0", 10);
  const age = Number.isFinite(ageValue) && ageValue >= 0 ? ageValue : 0;
  const date = httpDate(headers.date) ?? responseTime;
  const apparentAge = Math.max(0, (responseTime - date) / 1000);
  const responseDelay = Math.max(0, (responseTime - requestTime) / 1000);
  const correctedInitialAge = Math.max(apparentAge, age + responseDelay);
  const residentTime = Math.max(0, (now - responseTime) / 1000);
  return correctedInitialAge + residentTime;
}
