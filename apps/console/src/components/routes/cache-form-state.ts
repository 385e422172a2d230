// The Caching section's part of the route form: the cache policy's fields as inputs hold them,
// their conversion to and from ZCachePolicy, where its error paths land, and the routes table's
// one-word summary. Empty number fields take the schema's defaults.
import { ZCachePolicy, type TCachePolicy, type TRoute, type TRouteInput } from "@tta/domain/browser";

export type CachePartition = TCachePolicy["partition"];

export interface CacheFormFields {
  cacheOn: boolean;
  cacheTtlSeconds: string;
  cacheMaxTtlSeconds: string;
  /** Status codes as strings (the checkboxes' values). */
  cacheStatuses: string[];
  /** "all": the whole query is in the key (keyQuery null); "chosen": only cacheKeyQuery's names. */
  cacheKeyQueryMode: "all" | "chosen";
  cacheKeyQuery: string;
  cacheKeyHeaders: string;
  cachePartition: CachePartition;
  cacheMaxObjectBytes: string;
  cacheCoalesceWaitMs: string;
  cacheStaleIfErrorSeconds: string;
}

/** The schema's defaults: what turning caching on for a route without a policy starts from. */
export const CACHE_DEFAULTS: TCachePolicy = ZCachePolicy.parse({});

/** The statuses offered: the schema's default list, the ones RFC 9111 lets a cache store. */
export const CACHE_STATUS_OPTIONS: readonly string[] = CACHE_DEFAULTS.statuses.map(String);

export const PARTITION_TEXT: Record<CachePartition, string> = {
  auto: "Auto: per user on routes with authentication, shared on public routes.",
  user: "Per user: every signed-in user gets answers of their own; anonymous requests share one.",
  shared: "Shared: one stored answer for everyone, even on authenticated routes. Only for answers that are the same for every user.",
};

function fields(p: TCachePolicy, on: boolean): CacheFormFields {
  return {
    cacheOn: on,
    cacheTtlSeconds: String(p.ttlSeconds),
    cacheMaxTtlSeconds: String(p.maxTtlSeconds),
    cacheStatuses: p.statuses.map(String),
    cacheKeyQueryMode: p.keyQuery === null ? "all" : "chosen",
    cacheKeyQuery: (p.keyQuery ?? []).join(", "),
    cacheKeyHeaders: p.keyHeaders.join(", "),
    cachePartition: p.partition,
    cacheMaxObjectBytes: String(p.maxObjectBytes),
    cacheCoalesceWaitMs: String(p.coalesceWaitMs),
    cacheStaleIfErrorSeconds: String(p.staleIfErrorSeconds),
  };
}

export const EMPTY_CACHE: CacheFormFields = fields(CACHE_DEFAULTS, false);

export function cacheFormState(policy: TRoute["cachePolicy"]): CacheFormFields {
  return policy ? fields(policy, policy.enabled) : EMPTY_CACHE;
}

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

/**
 * Caching on: the form's policy. Off: the route's stored policy kept, switched off (so turning it
 * on again brings its settings back), or null when it had none; the hidden fields are not checked.
 */
export function cachePolicyInput(s: CacheFormFields, base: TRoute | null): TRouteInput["cachePolicy"] {
  if (!s.cacheOn) return base?.cachePolicy ? { ...base.cachePolicy, enabled: false } : null;
  return {
    enabled: true,
    ttlSeconds: num(s.cacheTtlSeconds),
    maxTtlSeconds: num(s.cacheMaxTtlSeconds),
    statuses: s.cacheStatuses.map(Number).sort((a, b) => a - b),
    keyQuery: s.cacheKeyQueryMode === "all" ? null : list(s.cacheKeyQuery),
    keyHeaders: list(s.cacheKeyHeaders),
    partition: s.cachePartition,
    maxObjectBytes: num(s.cacheMaxObjectBytes),
    coalesceWaitMs: num(s.cacheCoalesceWaitMs),
    staleIfErrorSeconds: num(s.cacheStaleIfErrorSeconds),
  };
}

const FIELD_OF_POLICY_KEY: Record<keyof TCachePolicy, keyof CacheFormFields> = {
  enabled: "cacheOn",
  ttlSeconds: "cacheTtlSeconds",
  maxTtlSeconds: "cacheMaxTtlSeconds",
  statuses: "cacheStatuses",
  keyQuery: "cacheKeyQuery",
  keyHeaders: "cacheKeyHeaders",
  partition: "cachePartition",
  maxObjectBytes: "cacheMaxObjectBytes",
  coalesceWaitMs: "cacheCoalesceWaitMs",
  staleIfErrorSeconds: "cacheStaleIfErrorSeconds",
};

/** "cachePolicy.keyHeaders.1" -> "cacheKeyHeaders"; null for a path outside the policy's fields. */
export function cacheFieldOf(path: string): keyof CacheFormFields | null {
  const [head, key] = path.split(".");
  if (head !== "cachePolicy" || !key) return null;
  return FIELD_OF_POLICY_KEY[key as keyof TCachePolicy] ?? null;
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** The routes table's Cache column: "off", "origin" (the upstream's freshness only) or the default TTL. */
export function cacheSummary(policy: TRoute["cachePolicy"]): string {
  if (!policy?.enabled) return "off";
  return policy.ttlSeconds === 0 ? "origin" : duration(policy.ttlSeconds);
}

/** Whether the route's answers are being stored (it has a purge action). */
export const caches = (route: Pick<TRoute, "cachePolicy">): boolean => Boolean(route.cachePolicy?.enabled);
