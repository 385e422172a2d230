// Per-attempt series from the UpstreamObserver seam: attempts by instance and outcome, retries by
// route, attempt latency by service. Instance labels are capped (registered instances come and go).
// Children are bound on first use and found through two Map lookups, like the request series.
import type { Registry } from "prom-client";
import type { AttemptOutcome, UpstreamObserver } from "../live/contracts.ts";
import { FastCounter, FastHistogram, type CounterChild } from "./fast-series.ts";
import { labelCap } from "./label-cap.ts";
import { LATENCY_BUCKETS } from "./request-meters.ts";

const MAX_INSTANCE_LABELS = 200;

/** get-or-create in a two-level map of bound children. */
function bound<T>(make: (a: string, b: string) => T) {
  const outer = new Map<string, Map<string, T>>();
  return (a: string, b: string): T => {
    let inner = outer.get(a);
    if (!inner) outer.set(a, (inner = new Map()));
    let child = inner.get(b);
    if (!child) inner.set(b, (child = make(a, b)));
    return child;
  };
}

export function createUpstreamMeters(registry: Registry): UpstreamObserver {
  const attempts = new FastCounter(registry, {
    name: "tta_gateway_upstream_attempts_total",
    help: "Upstream attempts by service, instance (origin) and outcome.",
    labelNames: ["service", "instance", "outcome"],
  });
  const retries = new FastCounter(registry, {
    name: "tta_gateway_upstream_retries_total",
    help: "Upstream attempts after the first one of a request, by route and service.",
    labelNames: ["route", "service"],
  });
  const attemptDuration = new FastHistogram(registry, {
    name: "tta_gateway_upstream_attempt_duration_seconds",
    help: "Latency of single upstream attempts, by service and outcome.",
    labelNames: ["service", "outcome"],
    buckets: LATENCY_BUCKETS,
  });

  const instanceLabel = labelCap(MAX_INSTANCE_LABELS);
  const attemptsOf = bound(() => new Map<AttemptOutcome, CounterChild>());
  const durationOf = bound((service, outcome) => attemptDuration.child(service, outcome));
  const retriesOf = bound((route, service) => retries.child(route, service));

  return {
    attempt({ route, service, instance, attempt, outcome, durationMs }) {
      const byOutcome = attemptsOf(service, instance);
      let counter = byOutcome.get(outcome);
      if (!counter) byOutcome.set(outcome, (counter = attempts.child(service, instanceLabel(instance), outcome)));
      counter.value++;
      durationOf(service, outcome).observe(durationMs / 1000);
      if (attempt > 1) retriesOf(route, service).value++;
    },
  };
}
