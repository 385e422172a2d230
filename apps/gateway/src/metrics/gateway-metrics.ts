// One Prometheus registry per gateway instance (tests run several gateways in one process, so the
// global default registry is never used): request and upstream series, scrape-time state gauges,
// fallback and live-transport counters, and the process's default metrics.
import { collectDefaultMetrics, Counter, Registry } from "prom-client";
import type { UpstreamObserver } from "../live/contracts.ts";
import type { RequestRecorder } from "../live/contracts.ts";
import { createAggregateMeters, type AggregateMeters } from "./aggregate-meters.ts";
import { createRequestMeters } from "./request-meters.ts";
import { createSafetyMeters, type SafetyMeters } from "./safety-meters.ts";
import { registerStateGauges, type StateGaugeSources } from "./state-gauges.ts";
import { createTlsMeters, type TlsMeters } from "./tls-meters.ts";
import { createUpstreamMeters } from "./upstream-meters.ts";

export interface GatewayMetrics {
  readonly registry: Registry;
  /** Feeds requests_total and request_duration_seconds (from the observe stage). */
  readonly requests: RequestRecorder;
  /** Feeds the upstream attempt, retry and attempt latency series. */
  readonly observer: UpstreamObserver;
  /** A degraded path was taken (e.g. component "registry", reason "redis_unreachable"). Bounded names only. */
  fallback(component: string, reason: string): void;
  /** A live event was handed to the transport. */
  liveEvent(type: string): void;
  /** A live transport operation failed (e.g. transport "redis", operation "publish"). */
  liveFailure(transport: string, operation: string): void;
  /** Safety scans and the therapeutic event pipeline (issue 5). */
  readonly safety: SafetyMeters;
  /** The parts of aggregation routes' requests, by outcome. */
  readonly aggregate: AggregateMeters;
  /** Certificate reloads and the listener certificate's expiry (issue 14). */
  readonly tls: TlsMeters;
}

export function createGatewayMetrics(sources: StateGaugeSources, options: { processMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  registerStateGauges(registry, sources);

  const fallbacks = new Counter({
    name: "tta_gateway_fallbacks_total",
    help: "Times a degraded path was taken instead of the normal one (each outage is also logged once).",
    labelNames: ["component", "reason"],
    registers: [registry],
  });
  const liveEvents = new Counter({
    name: "tta_gateway_live_events_total",
    help: "Live events published, by type.",
    labelNames: ["type"],
    registers: [registry],
  });
  const liveFailures = new Counter({
    name: "tta_gateway_live_transport_failures_total",
    help: "Live transport operations that failed (publish, heartbeat, ack), by transport.",
    labelNames: ["transport", "operation"],
    registers: [registry],
  });

  return {
    registry,
    requests: createRequestMeters(registry),
    observer: createUpstreamMeters(registry),
    fallback: (component, reason) => fallbacks.inc({ component, reason }),
    liveEvent: (type) => liveEvents.inc({ type }),
    liveFailure: (transport, operation) => liveFailures.inc({ transport, operation }),
    safety: createSafetyMeters(registry),
    aggregate: createAggregateMeters(registry),
    tls: createTlsMeters(registry),
  };
}
