// HTTP cache meters (issue 12): what the cache did with each request, by route (hit, miss, stale
// served, revalidated, coalesced, bypassed…), bytes answered from it, what it stored and evicted,
// and store failures. Route names come from the config: every label is bounded.
import { Counter, Gauge, type Registry } from "prom-client";

export type CacheResult = "hit" | "miss" | "stale" | "stale_while_revalidate" | "stale_if_error" | "revalidated" | "coalesced" | "bypass" | "only_if_cached";

export interface CacheMeters {
  result(route: string, result: CacheResult): void;
  served(route: string, bytes: number): void;
  stored(route: string, bytes: number): void;
  notStored(route: string, reason: string): void;
  evicted(count: number): void;
  storeFailure(): void;
  /** Entries and bytes held, read at scrape time. */
  size(source: () => { entries: number; bytes: number } | null): void;
}

export function createCacheMeters(registry: Registry): CacheMeters {
  const results = new Counter({ name: "tta_gateway_cache_requests_total", help: "GET and HEAD requests on caching routes, by what the cache did.", labelNames: ["route", "result"], registers: [registry] });
  const served = new Counter({ name: "tta_gateway_cache_served_bytes_total", help: "Body bytes answered from the cache.", labelNames: ["route"], registers: [registry] });
  const stored = new Counter({ name: "tta_gateway_cache_stored_total", help: "Answers stored.", labelNames: ["route"], registers: [registry] });
  const storedBytes = new Counter({ name: "tta_gateway_cache_stored_bytes_total", help: "Body bytes stored.", labelNames: ["route"], registers: [registry] });
  const notStored = new Counter({ name: "tta_gateway_cache_not_stored_total", help: "Answers not stored, by reason (no-store, private, authorization, set-cookie, too-big…).", labelNames: ["route", "reason"], registers: [registry] });
  const evictions = new Counter({ name: "tta_gateway_cache_evictions_total", help: "Stored answers evicted to stay within the in-process cache's byte bound.", registers: [registry] });
  const failures = new Counter({ name: "tta_gateway_cache_store_failures_total", help: "Cache store calls that failed (the request went upstream).", registers: [registry] });
  let source: () => { entries: number; bytes: number } | null = () => null;
  new Gauge({ name: "tta_gateway_cache_entries", help: "Answers held by the cache store (approximate on Redis).", registers: [registry], collect() { this.set(source()?.entries ?? 0); } });
  new Gauge({ name: "tta_gateway_cache_bytes", help: "Bytes held by the cache store (approximate on Redis).", registers: [registry], collect() { this.set(source()?.bytes ?? 0); } });
  return {
    result: (route, result) => results.inc({ route, result }),
    served: (route, bytes) => served.inc({ route }, bytes),
    stored: (route, bytes) => (stored.inc({ route }), storedBytes.inc({ route }, bytes)),
    notStored: (route, reason) => notStored.inc({ route, reason }),
    evicted: (count) => evictions.inc(count),
    storeFailure: () => failures.inc(),
    size: (s) => (source = s),
  };
}
