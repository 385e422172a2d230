// The overview's traffic figures over the last few seconds of roll-ups (traffic-buffer.ts keeps
// them): requests per second, answers by status class, and p99. Gateways publish a roll-up every
// window even without traffic, so an idle span reads 0 req/s, while no roll-up at all reads "–".
import type { TRouteTraffic } from "@tta/domain/browser";
import type { TrafficBuffer } from "../operations/traffic-buffer";

export const SUMMARY_SPAN_MS = 30_000;

/**
 * Answer classes a gateway may count per route, as optional `status2xx`, `status4xx`, `status429`
 * and `status5xx` on each route's roll-up. Gateways that do not count them send only `errors`
 * (5xx answers and answers cut short); the overview then shows that figure alone.
 */
export const STATUS_CLASSES = ["2xx", "4xx", "429", "5xx"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];
export type RouteTrafficWithClasses = TRouteTraffic & Partial<Record<`status${StatusClass}`, number>>;

export interface ClassFigure {
  name: StatusClass;
  count: number;
  /** percent of all requests in the span */
  rate: number | null;
}

export interface TrafficSummary {
  /** Roll-ups in the span; 0 means nothing to show yet. */
  rollups: number;
  requests: number;
  rps: number | null;
  /** `errors`: 5xx answers and answers cut short, percent of requests (null without requests). */
  failedRate: number | null;
  failed: number;
  /** Per-class counts, when at least one roll-up in the span carries them; null otherwise. */
  classes: ClassFigure[] | null;
  /** The highest p99 of any route with requests (an upper bound across routes and gateways), ms. */
  p99: number | null;
}

const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);

export function trafficSummary(buffer: TrafficBuffer, now: number, spanMs = SUMMARY_SPAN_MS): TrafficSummary {
  const recent = buffer.rollups.filter((r) => r.at > now - spanMs);
  // Gateways' windows overlap in time: seconds are counted once per window slot, not per gateway.
  const slots = new Map<number, number>();
  const classCounts = new Map<StatusClass, number>();
  let requests = 0;
  let failed = 0;
  let p99: number | null = null;
  let anyClass = false;
  for (const rollup of recent) {
    const slot = Math.round(rollup.at / rollup.windowMs) * rollup.windowMs;
    slots.set(slot, Math.max(slots.get(slot) ?? 0, rollup.windowMs / 1000));
    for (const route of rollup.routes as RouteTrafficWithClasses[]) {
      requests += route.count;
      failed += route.errors;
      if (route.count > 0) p99 = Math.max(p99 ?? 0, route.p99);
      for (const name of STATUS_CLASSES) {
        const n = route[`status${name}`];
        if (typeof n !== "number") continue;
        anyClass = true;
        classCounts.set(name, (classCounts.get(name) ?? 0) + n);
      }
    }
  }
  const seconds = [...slots.values()].reduce((sum, s) => sum + s, 0);
  return {
    rollups: recent.length,
    requests,
    rps: seconds > 0 ? requests / seconds : null,
    failed,
    failedRate: percent(failed, requests),
    classes: anyClass ? STATUS_CLASSES.map((name) => ({ name, count: classCounts.get(name) ?? 0, rate: percent(classCounts.get(name) ?? 0, requests) })) : null,
    p99,
  };
}
