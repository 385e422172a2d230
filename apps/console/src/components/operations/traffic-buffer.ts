// The traffic charts' memory: the last few minutes of `traffic.rollup` events from every gateway, in
// a bounded buffer (or a longer range's roll-ups as the gateways kept them), and their points per
// route or per service. Combining percentiles of several
// windows cannot be exact: p50 is the request-weighted mean, p95 and p99 the highest reported
// (an upper bound). With one gateway and one route per series they are the gateway's own figures.
import type { TRouteTraffic, TTrafficRollup } from "@tta/domain/browser";
import { addClasses, isUnmatched, noClasses, UNMATCHED_KEY, type ClassCounts } from "./status-classes";

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

/** A buffer of roll-ups read at once (a range's history): sorted, and each counted once. */
export function bufferOf(rollups: Iterable<TTrafficRollup>): TrafficBuffer {
  const seen = new Map<string, TTrafficRollup>();
  for (const r of rollups) seen.set(`${r.gatewayId}\u0000${r.at}`, r);
  return { rollups: [...seen.values()].sort((a, b) => a.at - b.at) };
}

export type GroupBy = "route" | "service";

/** The series a roll-up row belongs to: its route or service, or the unmatched requests. */
export function seriesKey(r: TRouteTraffic, groupBy: GroupBy): string {
  if (isUnmatched(r)) return UNMATCHED_KEY;
  return groupBy === "route" ? r.route : r.service;
}

export interface SeriesPoint {
  at: number;
  /** requests per second */
  rps: number;
  /** percent of requests that failed (5xx and answers cut short), null without requests */
  errorRate: number | null;
  /** requests per second by status class */
  classes: ClassCounts;
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

export interface Acc {
  count: number;
  errors: number;
  classes: ClassCounts;
  seconds: number;
  p50Weighted: number;
  p95: number;
  p99: number;
}

export const emptyAcc = (): Acc => ({ count: 0, errors: 0, classes: noClasses(), seconds: 0, p50Weighted: 0, p95: 0, p99: 0 });

/** Adds one roll-up row into an accumulator (the combining rule in the header). */
export function addRow(acc: Acc, r: TRouteTraffic): void {
  acc.count += r.count;
  acc.errors += r.errors;
  addClasses(acc.classes, r);
  acc.p50Weighted += r.p50 * r.count;
  if (r.count > 0) {
    acc.p95 = Math.max(acc.p95, r.p95);
    acc.p99 = Math.max(acc.p99, r.p99);
  }
}

function toPoint(at: number, a: Acc): SeriesPoint {
  const any = a.count > 0;
  const perSecond = (n: number) => (a.seconds > 0 ? n / a.seconds : 0);
  const classes = noClasses();
  for (const k of Object.keys(classes) as Array<keyof ClassCounts>) classes[k] = perSecond(a.classes[k]);
  return {
    at,
    rps: perSecond(a.count),
    errorRate: any ? (a.errors / a.count) * 100 : null,
    classes,
    p50: any ? a.p50Weighted / a.count : null,
    p95: any ? a.p95 : null,
    p99: any ? a.p99 : null,
  };
}

const copyAcc = (a: Acc, seconds: number): Acc => ({ ...a, classes: { ...a.classes }, seconds });

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
      const key = seriesKey(r, groupBy);
      volume.set(key, (volume.get(key) ?? 0) + r.count);
      const acc = bucket.byKey.get(key) ?? emptyAcc();
      bucket.byKey.set(key, acc);
      addRow(acc, r);
      addRow(bucket.total, r);
    }
  }
  const keys = [...volume.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const out = [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([at, b]) => {
      const byKey: Record<string, SeriesPoint> = {};
      // A window a gateway reported with no traffic for a key is a zero, not a gap.
      for (const key of keys) byKey[key] = toPoint(at, copyAcc(b.byKey.get(key) ?? emptyAcc(), b.windowSeconds));
      return { at, byKey, total: toPoint(at, copyAcc(b.total, b.windowSeconds)) };
    });
  return { keys, buckets: out };
}
