// One instance as the admin API and live views report it (TInstanceState).
import { instanceAvailability, type TInstanceState } from "@tta/domain";
import type { UpstreamInstance } from "./upstream-instance.ts";

export function instanceState(i: UpstreamInstance, now: number): TInstanceState {
  return {
    service: i.service,
    instance: i.key,
    source: i.source,
    weight: i.weight,
    score: i.health.score,
    inRotation: i.health.inRotation,
    activeRequests: i.active,
    lastCheckAt: i.health.lastCheckAt,
    lastCheckOk: i.health.lastCheckOk,
    lastCheckError: i.health.lastCheckError,
    availability: instanceAvailability(i.health.inRotation, i.breaker.state),
    breaker: {
      state: i.breaker.state,
      forced: i.breaker.forced,
      failures: i.breaker.failures(now),
      changedAt: i.breaker.changedAt,
      rolling: i.breaker.rolling(now),
      held: i.breaker.held,
    },
  };
}
