// The instance for a request the gateway makes outside the per-attempt chain (a WebSocket leg, a
// background revalidation): one the service's balancer picks among those in rotation whose breaker
// allows it, with the breaker's permit, or why there is none.
import type { CompiledRoute } from "../config/compiled.ts";
import type { Permit } from "./circuit-breaker/circuit-breaker.ts";
import type { UpstreamInstance } from "./pool/upstream-instance.ts";
import type { UpstreamPools } from "./pool/upstream-pools.ts";

export type Picked = { ok: true; instance: UpstreamInstance; permit: Permit } | { ok: false; code: "GW_NO_INSTANCE" | "GW_BREAKER_OPEN" };

export function pickForOwnRequest(pools: UpstreamPools, route: CompiledRoute, now: number): Picked {
  const pool = pools.get(route.service.name);
  const instance = pool?.pick((i) => i.health.inRotation && i.breaker.allows(now), route.service.priority) ?? null;
  if (!pool || !instance) return { ok: false, code: pool?.instances.some((i) => i.health.inRotation) ? "GW_BREAKER_OPEN" : "GW_NO_INSTANCE" };
  const permit = instance.breaker.acquire(now);
  return permit ? { ok: true, instance, permit } : { ok: false, code: "GW_BREAKER_OPEN" };
}
