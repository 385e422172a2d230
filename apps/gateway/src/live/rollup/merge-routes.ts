// Adds one roll-up's route rows into a coarser bucket's rows. Counts add up; percentiles of several
// windows cannot be combined exactly, so p50 is the request-weighted mean and p95/p99 the highest
// window's value (an upper bound) — the rule the console uses when it combines gateways.
import type { TRouteTraffic } from "@tta/domain";

const SUMMED = ["count", "errors", "status2xx", "status3xx", "status4xx", "status429", "status5xx", "cacheLookups", "cacheHits"] as const;

export function rowKey(row: TRouteTraffic): string {
  return row.unmatched ? "\u0000unmatched" : `${row.route}\u0000${row.service}`;
}

/** Adds `row` into `into` (mutated: buckets own their rows). */
export function addRow(into: TRouteTraffic, row: TRouteTraffic): void {
  const total = into.count + row.count;
  into.p50 = total > 0 ? round((into.p50 * into.count + row.p50 * row.count) / total) : 0;
  into.p95 = Math.max(into.p95, row.p95);
  into.p99 = Math.max(into.p99, row.p99);
  for (const field of SUMMED) {
    const value = row[field];
    if (value !== undefined) into[field] = (into[field] ?? 0) + value;
  }
}

export const copyRow = (row: TRouteTraffic): TRouteTraffic => ({ ...row });

const round = (ms: number) => Math.round(ms * 1000) / 1000;
