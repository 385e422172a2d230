// Gauges read at scrape time from what the gateway knows right now: breaker state and health of
// every upstream instance (UpstreamStateSource), in-flight requests, open connections, revision.
import { ZBreakerForce, ZBreakerState } from "@tta/domain";
import { Gauge, type Registry } from "prom-client";
import type { UpstreamStateSource } from "../live/contracts.ts";

export interface StateGaugeSources {
  /** Null until the upstream machinery exists (then its instances are read on every scrape). */
  upstreamState(): UpstreamStateSource | null;
  inFlight(): number;
  openConnections(): Promise<number>;
  revision(): number | null;
}

const BREAKER_STATES = ZBreakerState.options;
const BREAKER_FORCES = ZBreakerForce.options;

export function registerStateGauges(registry: Registry, sources: StateGaugeSources): void {
  const instances = () => sources.upstreamState()?.instances() ?? [];

  new Gauge({
    name: "tta_gateway_breaker_state",
    help: "Circuit breaker state per upstream instance: 1 for the current state, 0 for the others.",
    labelNames: ["service", "instance", "state"],
    registers: [registry],
    collect() {
      this.reset();
      for (const i of instances()) {
        for (const state of BREAKER_STATES) this.set({ service: i.service, instance: i.instance, state }, i.breaker.state === state ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: "tta_gateway_breaker_forced",
    help: "Operator override of a breaker: 1 for the current one (none, open, closed), 0 for the others.",
    labelNames: ["service", "instance", "forced"],
    registers: [registry],
    collect() {
      this.reset();
      for (const i of instances()) {
        for (const forced of BREAKER_FORCES) this.set({ service: i.service, instance: i.instance, forced }, i.breaker.forced === forced ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: "tta_gateway_breaker_window_calls",
    help: "Calls in each breaker's sliding window by result: success, failure (5xx), connection_failure (no answer, timeout), rejected.",
    labelNames: ["service", "instance", "result"],
    registers: [registry],
    collect() {
      this.reset();
      for (const i of instances()) {
        const r = i.breaker.rolling;
        const labels = { service: i.service, instance: i.instance };
        this.set({ ...labels, result: "success" }, r.successes);
        this.set({ ...labels, result: "failure" }, r.failures);
        this.set({ ...labels, result: "connection_failure" }, r.connectionFailures);
        this.set({ ...labels, result: "rejected" }, r.rejects);
      }
    },
  });
  new Gauge({
    name: "tta_gateway_breaker_held",
    help: "1 while a breaker's failure rate would open it but the panic threshold keeps it closed (too little of its service would be left).",
    labelNames: ["service", "instance"],
    registers: [registry],
    collect() {
      this.reset();
      for (const i of instances()) this.set({ service: i.service, instance: i.instance }, i.breaker.held === null ? 0 : 1);
    },
  });
  new Gauge({
    name: "tta_gateway_instance_health_score",
    help: "Health score 0-100 of each upstream instance (under 30: out of rotation).",
    labelNames: ["service", "instance"],
    registers: [registry],
    collect() {
      this.reset();
      for (const i of instances()) this.set({ service: i.service, instance: i.instance }, i.score);
    },
  });
  new Gauge({
    name: "tta_gateway_instance_in_rotation",
    help: "1 when the instance takes requests, 0 when it is out of rotation.",
    labelNames: ["service", "instance"],
    registers: [registry],
    collect() {
      this.reset();
      for (const i of instances()) this.set({ service: i.service, instance: i.instance }, i.inRotation ? 1 : 0);
    },
  });
  new Gauge({
    name: "tta_gateway_instance_active_requests",
    help: "Requests this gateway has in progress at each upstream instance.",
    labelNames: ["service", "instance"],
    registers: [registry],
    collect() {
      this.reset();
      for (const i of instances()) this.set({ service: i.service, instance: i.instance }, i.activeRequests);
    },
  });
  new Gauge({
    name: "tta_gateway_in_flight_requests",
    help: "Requests on the proxy port that have not finished yet.",
    registers: [registry],
    collect() {
      this.set(sources.inFlight());
    },
  });
  new Gauge({
    name: "tta_gateway_open_connections",
    help: "Client connections open on the proxy port.",
    registers: [registry],
    async collect() {
      this.set(await sources.openConnections());
    },
  });
  new Gauge({
    name: "tta_gateway_config_revision",
    help: "The config revision this gateway routes by (0 = none loaded yet).",
    registers: [registry],
    collect() {
      this.set(sources.revision() ?? 0);
    },
  });
}
