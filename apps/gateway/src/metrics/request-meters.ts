// Requests by route, service and status class, and their latency. Label children are bound once
// per route (WeakMap on the compiled route, then by name across revisions), so a request costs a
// WeakMap lookup, one addition and one bucket search: no label hashing, no allocation.
import type { Registry } from "prom-client";
import type { CompiledRoute } from "../config/compiled.ts";
import type { RequestRecorder } from "../live/contracts.ts";
import { FastCounter, FastHistogram, type CounterChild, type HistogramChild } from "./fast-series.ts";
import { STATUS_CLASSES, statusClassIndex } from "./status-class.ts";

/** Seconds; from a fast cached answer to the longest route timeouts. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Route and service label of requests that matched no route (404, 400, 405, 503 not ready). */
export const UNMATCHED = "none";

interface RouteMeters {
  route: string;
  service: string;
  byClass: Array<CounterChild | undefined>;
  duration: HistogramChild;
}

export function createRequestMeters(registry: Registry): RequestRecorder {
  const requests = new FastCounter(registry, {
    name: "tta_gateway_requests_total",
    help: "Requests answered (or abandoned), by route, service and status class (none = no answer sent).",
    labelNames: ["route", "service", "status_class"],
  });
  const duration = new FastHistogram(registry, {
    name: "tta_gateway_request_duration_seconds",
    help: "Whole-request latency seen by the gateway, from arrival to the end of the answer.",
    labelNames: ["route", "service"],
    buckets: LATENCY_BUCKETS,
  });

  const meters = (route: string, service: string): RouteMeters => ({
    route,
    service,
    byClass: new Array(STATUS_CLASSES.length).fill(undefined),
    duration: duration.child(route, service),
  });
  const unmatched = meters(UNMATCHED, UNMATCHED);
  const byName = new Map<string, RouteMeters>();
  const byRoute = new WeakMap<CompiledRoute, RouteMeters>();

  function metersOf(route: CompiledRoute): RouteMeters {
    let found = byRoute.get(route);
    if (found) return found;
    const key = `${route.name}\u0000${route.service.name}`;
    found = byName.get(key) ?? meters(route.name, route.service.name);
    byName.set(key, found);
    byRoute.set(route, found);
    return found;
  }

  return {
    record(route, status, _failed, durationMs) {
      const m = route ? metersOf(route) : unmatched;
      const i = statusClassIndex(status);
      const counter = (m.byClass[i] ??= requests.child(m.route, m.service, STATUS_CLASSES[i]!));
      counter.value++;
      m.duration.observe(durationMs / 1000);
    },
  };
}
