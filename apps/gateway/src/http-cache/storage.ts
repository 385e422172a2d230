// Whether a shared cache may store an answer (RFC 9111 §3), with the gateway's own refusals on top:
// answers that set cookies, partial answers, statuses the route's policy leaves out.
import type { CompiledCachePolicy } from "../config/compiled.ts";
import { hasExplicitFreshness, HEURISTICALLY_CACHEABLE, freshnessLifetime, type StoredHeaders } from "./freshness.ts";
import type { Directives } from "./cache-control.ts";
import { seconds } from "./cache-control.ts";
import { hasValidator } from "./validators.ts";
import { varyOf } from "./variants.ts";

/** Why an answer was not stored (Cache-Status detail, metrics). */
export type NotStored = "method" | "status" | "no-store" | "private" | "authorization" | "cookie" | "set-cookie" | "vary" | "partial" | "no-freshness";

export interface StorageInput {
  method: string;
  status: number;
  request: Directives;
  response: Directives;
  headers: StoredHeaders;
  /** The request carried Authorization. */
  authorized: boolean;
  /** The request carried a Cookie on a route shared by every user (no per-user partition). */
  sharedWithCookie?: boolean;
  policy: CompiledCachePolicy;
}

/** §3.5: a shared cache reuses an answer to a request with Authorization only when the answer says it may. */
export const allowsAuthorized = (response: Directives) => response.has("public") || response.has("s-maxage") || response.has("must-revalidate");

/** How long, past freshness, a stored answer may still be useful (served stale or revalidated). */
export function staleWindowSeconds(response: Directives, headers: StoredHeaders, policy: CompiledCachePolicy): number {
  const swr = seconds(response, "stale-while-revalidate");
  const sie = seconds(response, "stale-if-error");
  const windows = [swr, sie, policy.staleIfErrorSeconds].map((s) => (s === null || Number.isNaN(s) ? 0 : s));
  // With a validator a stale answer still saves a body: keep it a while to revalidate.
  const forValidation = hasValidator(headers) ? Math.min(policy.maxTtlSeconds, 3_600) : 0;
  return Math.max(forValidation, ...windows);
}

export function notStoredBecause(input: StorageInput): NotStored | null {
  const { status, request, response, headers, policy } = input;
  if (input.method !== "GET") return "method";
  if (status === 206 || headers["content-range"] !== undefined) return "partial";
  if (!policy.statuses.has(status)) return "status";
  if (request.has("no-store") || response.has("no-store")) return "no-store";
  if (response.has("private")) return "private"; // a shared cache, qualified or not
  if (input.authorized && !allowsAuthorized(response)) return "authorization";
  if (input.sharedWithCookie && !allowsAuthorized(response)) return "cookie"; // as Varnish passes them: the answer may be personal
  if (headers["set-cookie"] !== undefined) return "set-cookie";
  if (varyOf(headers).any) return "vary";
  const explicit = hasExplicitFreshness(response, headers) || response.has("public");
  if (!explicit && !HEURISTICALLY_CACHEABLE.has(status)) return "status"; // §3: no explicit freshness, not heuristically cacheable
  const lifetime = freshnessLifetime(status, response, headers, policy);
  if (lifetime <= 0 && !hasValidator(headers) && staleWindowSeconds(response, headers, policy) <= 0) return "no-freshness";
  return null;
}
