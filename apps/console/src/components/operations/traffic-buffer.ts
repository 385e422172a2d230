// The traffic charts' memory: the last few minutes of `traffic.rollup` events from every gateway, in
// a bounded buffer, and their points per route or per service. Combining percentiles of several
// windows cannot be exact: p50 is the request-weighted mean, p95 and p99 the highest reported
// (an upper bound). With one gateway and one route per series they are the gateway's own figures.
import type { TTrafficRollup } from "@tta/domain/browser";

export const TRAFFIC_HISTORY_MS = 5 * 60_000;
/** A hard cap, whatever the number of gateways and however short their windows. */
export const TRAFFIC_MAX_ROLLUPS = 1_000;

export interface TrafficBuffer {
  rollups: readonly TTrafficRollup[];
}

export const emptyTraffic: TrafficBuffer = { rollups: [] };

/** Adds a roll-up (once: the same gateway and window end are kept only once) and forgets old ones. */
export function pushRollup(buffer: TrafficBuffer, rollup: TTrafficRollup): TrafficBuffer {
  if (buffer.rollups.some((r) => r.gatewayId === rollup.gatewayId && r.at === rollup.at)) return buffer;
  const horizon = Math.max(rollup.at, buffer.rollups.at(-1)?.at ?? 0) - TRAFFIC_HISTORY_MS;
  const kept = buffer.rollups.filter((r) => r.at > horizon);
  kept.push(rollup);
  kept.sort((a, b) => a.at - b.at);
  return { rollups: kept.length > TRAFFIC_MAX_ROLLUPS ? kept.slice(kept.length - TRAFFIC_MAX_ROLLUPS) : kept };
}

export type GroupBy = "route" | "service";

export interface SeriesPoint {
  at: number;
  /** requests per second */
  rps: number;
  /** percent of requests that failed, null without requests */
  errorRate: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface TrafficSeries {
  /** Route or service names, busiest first. */
  keys: string[];
  /** One entry per time bucket; `byKey[key]` is that series' point. */
  buckets: Array<{ at: number; byKey: Record<string, SeriesPoint>; total: SeriesPoint }>;
}

interface Acc {
  count: number;
  errors: number;
  seconds: number;
  p50Weighted: number;
  p95: number;
  p99: number;
}

const emptyAcc = (): Acc => ({ count: 0, errors: 0, seconds: 0, p50Weighted: 0, p95: 0, p99: 0 });

function toPoint(at: number, a: Acc): SeriesPoint {
  const any = a.count > 0;
  return {
    at,
    rps: a.seconds > 0 ? a.count / a.seconds : 0,
    errorRate: any ? (a.errors / a.count) * 100 : null,
    p50: any ? a.p50Weighted / a.count : null,
    p95: any ? a.p95 : null,
    p99: any ? a.p99 : null,
  };
}

/**
 * Buckets roll-ups by the end of their window (rounded to the window), summing counts across
 * gateways. Requests per second divide by one window: gateways' windows overlap, they do not add up.
 */
export function trafficSeries(buffer: TrafficBuffer, groupBy: GroupBy): TrafficSeries {
  const buckets = new Map<number, { windowSeconds: number; byKey: Map<string, Acc>; total: Acc }>();
  const volume = new Map<string, number>();
  for (const rollup of buffer.rollups) {
    const at = Math.round(rollup.at / rollup.windowMs) * rollup.windowMs;
    const bucket = buckets.get(at) ?? { windowSeconds: rollup.windowMs / 1000, byKey: new Map<string, Acc>(), total: emptyAcc() };
    buckets.set(at, bucket);
    bucket.windowSeconds = Math.max(bucket.windowSeconds, rollup.windowMs / 1000);
    for (const r of rollup.routes) {
      const key = groupBy === "route" ? r.route : r.service;
      volume.set(key, (volume.get(key) ?? 0) + r.count);
      for (const acc of [bucket.byKey.get(key) ?? emptyAcc(), bucket.total]) {
        acc.count += r.count;
        acc.errors += r.errors;
        acc.p50Weighted += r.p50 * r.count;
        if (r.count > 0) {
          acc.p95 = Math.max(acc.p95, r.p95);
          acc.p99 = Math.max(acc.p99, r.p99);
        }
        if (acc !== bucket.total) bucket.byKey.set(key, acc);
      }
    }
  }
  const keys = [...volume.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const out = [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([at, b]) => {
      const byKey: Record<string, SeriesPoint> = {};
      // A window a gateway reported with no traffic for a key is a zero, not a gap.
      for (const key of keys) byKey[key] = toPoint(at, { ...(b.byKey.get(key) ?? emptyAcc()), seconds: b.windowSeconds });
      return { at, byKey, total: toPoint(at, { ...b.total, seconds: b.windowSeconds }) };
    });
  return { keys, buckets: out };
}
