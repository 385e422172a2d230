// The per-route (or per-service) table under the charts: each series over the whole range shown —
// requests per second, answers by status class, failure share and latency — and how it sorts.
// Latency across windows follows traffic-buffer.ts: p50 request-weighted, p95/p99 the highest.
import type { ClassCounts } from "./status-classes";
import { addRow, emptyAcc, seriesKey, type Acc, type GroupBy, type TrafficBuffer } from "./traffic-buffer";

export interface RouteRow {
  key: string;
  count: number;
  rps: number;
  classes: ClassCounts;
  /** percent of requests that failed (5xx and answers cut short) */
  errorRate: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export const SORT_KEYS = ["key", "rps", "2xx", "4xx", "429", "5xx", "errorRate", "p50", "p95", "p99"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  by: SortKey;
  descending: boolean;
}

/** Seconds of traffic the range holds: the distinct windows reported (gateways' windows overlap). */
function coveredSeconds(buffer: TrafficBuffer): number {
  const windows = new Map<number, number>();
  for (const r of buffer.rollups) {
    const at = Math.round(r.at / r.windowMs) * r.windowMs;
    windows.set(at, Math.max(windows.get(at) ?? 0, r.windowMs / 1000));
  }
  let total = 0;
  for (const s of windows.values()) total += s;
  return total;
}

export function routeRows(buffer: TrafficBuffer, groupBy: GroupBy): RouteRow[] {
  const seconds = coveredSeconds(buffer);
  const byKey = new Map<string, Acc>();
  for (const rollup of buffer.rollups) {
    for (const r of rollup.routes) {
      const key = seriesKey(r, groupBy);
      const acc = byKey.get(key) ?? emptyAcc();
      byKey.set(key, acc);
      addRow(acc, r);
    }
  }
  return [...byKey.entries()]
    .filter(([, a]) => a.count > 0)
    .map(([key, a]) => ({
      key,
      count: a.count,
      rps: seconds > 0 ? a.count / seconds : 0,
      classes: a.classes,
      errorRate: (a.errors / a.count) * 100,
      p50: a.p50Weighted / a.count,
      p95: a.p95,
      p99: a.p99,
    }));
}

function valueOf(row: RouteRow, by: SortKey): number | string | null {
  switch (by) {
    case "key":
      return row.key;
    case "2xx":
    case "4xx":
    case "429":
    case "5xx":
      return row.classes[by];
    default:
      return row[by];
  }
}

/** Sorted copy; ties by name, so the order never flickers between refreshes. */
export function sortRows(rows: readonly RouteRow[], sort: Sort): RouteRow[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = valueOf(a, sort.by);
    const y = valueOf(b, sort.by);
    let c = 0;
    if (typeof x === "string" && typeof y === "string") c = x.localeCompare(y);
    else c = (Number(x ?? -1) || 0) - (Number(y ?? -1) || 0);
    return c * sign || a.key.localeCompare(b.key);
  });
}

/** A click on a header: the same column flips, another starts descending (names ascending). */
export function nextSort(current: Sort, by: SortKey): Sort {
  if (current.by === by) return { by, descending: !current.descending };
  return { by, descending: by !== "key" };
}
