// Per-attempt series from the UpstreamObserver seam: attempts by instance and outcome, retries by
// route, attempt latency by service. Instance labels are capped (registered instances come and go).
import { Counter, Histogram, type Registry } from "prom-client";
import type { AttemptOutcome, UpstreamObserver } from "../live/contracts.ts";
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
  const attempts = new Counter({
    name: "tta_gateway_upstream_attempts_total",
    help: "Upstream attempts by service, instance (origin) and outcome.",
    labelNames: ["service", "instance", "outcome"],
    registers: [registry],
  });
  const retries = new Counter({
    name: "tta_gateway_upstream_retries_total",
    help: "Upstream attempts after the first one of a request, by route and service.",
    labelNames: ["route", "service"],
    registers: [registry],
  });
  const attemptDuration = new Histogram({
    name: "tta_gateway_upstream_attempt_duration_seconds",
    help: "Latency of single upstream attempts, by service and outcome.",
    labelNames: ["service", "outcome"],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  const instanceLabel = labelCap(MAX_INSTANCE_LABELS);
  const attemptsOf = bound((service, instance) => new Map<AttemptOutcome, Counter.Internal>());
  const durationOf = bound((service, outcome) => attemptDuration.labels(service, outcome));
  const retriesOf = bound((route, service) => retries.labels(route, service));

  return {
    attempt({ route, service, instance, attempt, outcome, durationMs }) {
      const byOutcome = attemptsOf(service, instance);
      let counter = byOutcome.get(outcome);
      if (!counter) byOutcome.set(outcome, (counter = attempts.labels(service, instanceLabel(instance), outcome)));
      counter.inc();
      durationOf(service, outcome).observe(durationMs / 1000);
      if (attempt > 1) retriesOf(route, service).inc();
    },
  };
}
