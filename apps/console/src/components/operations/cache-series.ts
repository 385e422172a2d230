// The hit ratio chart's points: per caching route and time bucket (gateways summed, as in
// traffic-buffer.ts), hits / lookups and lookups per second. A route is caching when its roll-ups
// carry cacheLookups; the others never appear here.
import type { TrafficBuffer } from "./traffic-buffer";

export interface CachePoint {
  /** Percent of lookups answered from the cache; null without lookups. */
  hitRatio: number | null;
  lookupsPerSecond: number;
}

export interface CacheSeries {
  /** Caching routes, most lookups first. */
  routes: string[];
  buckets: Array<{ at: number; byRoute: Record<string, CachePoint> }>;
}

interface Acc {
  lookups: number;
  hits: number;
}

export function cacheSeries(buffer: TrafficBuffer): CacheSeries {
  const buckets = new Map<number, { windowSeconds: number; byRoute: Map<string, Acc> }>();
  const volume = new Map<string, number>();
  for (const rollup of buffer.rollups) {
    const at = Math.round(rollup.at / rollup.windowMs) * rollup.windowMs;
    const bucket = buckets.get(at) ?? { windowSeconds: rollup.windowMs / 1000, byRoute: new Map<string, Acc>() };
    buckets.set(at, bucket);
    bucket.windowSeconds = Math.max(bucket.windowSeconds, rollup.windowMs / 1000);
    for (const r of rollup.routes) {
      if (r.cacheLookups === undefined) continue;
      volume.set(r.route, (volume.get(r.route) ?? 0) + r.cacheLookups);
      const acc = bucket.byRoute.get(r.route) ?? { lookups: 0, hits: 0 };
      acc.lookups += r.cacheLookups;
      acc.hits += r.cacheHits ?? 0;
      bucket.byRoute.set(r.route, acc);
    }
  }
  const routes = [...volume.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  if (routes.length === 0) return { routes, buckets: [] };
  const out = [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([at, b]) => {
      const byRoute: Record<string, CachePoint> = {};
      for (const route of routes) {
        const acc = b.byRoute.get(route) ?? { lookups: 0, hits: 0 };
        byRoute[route] = { hitRatio: acc.lookups > 0 ? (acc.hits / acc.lookups) * 100 : null, lookupsPerSecond: acc.lookups / b.windowSeconds };
      }
      return { at, byRoute };
    });
  return { routes, buckets: out };
}
