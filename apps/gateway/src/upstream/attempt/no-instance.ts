// Why no instance can take a request, as the 503 a client gets: GW_NO_INSTANCE when every
// instance is out of rotation (or there is none), GW_BREAKER_OPEN when those in rotation all have
// their breaker open. The details list each instance's score and breaker; Retry-After says when
// trying again may help.
import { GatewayError } from "../../pipeline/gateway-error.ts";
import type { ServicePool } from "../pool/service-pool.ts";
import type { UpstreamInstance } from "../pool/upstream-instance.ts";

export interface NoInstanceDetails {
  service: string;
  reason: "no_instances" | "out_of_rotation" | "breakers_open";
  instances: Array<{ instance: string; score: number; inRotation: boolean; breaker: string; forced: string; retryInMs: number }>;
}

export class NoInstanceError extends GatewayError {
  override name = "NoInstanceError";
  constructor(
    readonly details: NoInstanceDetails,
    readonly retryAfterS: number,
  ) {
    super(details.reason === "breakers_open" ? "GW_BREAKER_OPEN" : "GW_NO_INSTANCE", message(details));
  }
}

function message(d: NoInstanceDetails): string {
  if (d.reason === "no_instances") return `Service ${d.service} has no instances.`;
  if (d.reason === "out_of_rotation") return `Every instance of ${d.service} is out of rotation (failing health checks or requests).`;
  return `Every instance of ${d.service} in rotation has its circuit breaker open.`;
}

export function noInstanceError(pool: ServicePool, tried: readonly UpstreamInstance[], now: number): NoInstanceError {
  const candidates = pool.instances.filter((i) => !tried.includes(i));
  const instances = candidates.map((i) => ({
    instance: i.key,
    score: i.health.score,
    inRotation: i.health.inRotation,
    breaker: i.breaker.state,
    forced: i.breaker.forced,
    retryInMs: i.breaker.retryInMs(now),
  }));
  const service = pool.name;
  if (candidates.length === 0) return new NoInstanceError({ service, reason: "no_instances", instances }, 1);
  const inRotation = instances.filter((i) => i.inRotation);
  if (inRotation.length === 0) {
    const retryAfterS = Math.max(1, Math.ceil(pool.settings.healthCheck.intervalMs / 1000));
    return new NoInstanceError({ service, reason: "out_of_rotation", instances }, retryAfterS);
  }
  const soonest = Math.min(...inRotation.map((i) => i.retryInMs));
  return new NoInstanceError({ service, reason: "breakers_open", instances }, Math.max(1, Math.ceil(soonest / 1000)));
}
