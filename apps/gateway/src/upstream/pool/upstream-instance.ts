// One upstream instance of one service as this gateway sees it: where it is, how it was found,
// how healthy it looks, its breaker and its attempts in flight. Kept across config revisions and
// registry refreshes for as long as the instance stays listed.
import type { Balanceable } from "../load-balance/balancer.ts";
import { CircuitBreaker, type BreakerTransition } from "../circuit-breaker/circuit-breaker.ts";
import type { CapacityView } from "../circuit-breaker/panic-threshold.ts";
import type { BreakerSettings } from "../circuit-breaker/settings.ts";
import { InstanceHealth, type HealthChange } from "../../health/instance-health.ts";

export type InstanceSource = "static" | "registered";

export interface InstanceHooks {
  health(instance: UpstreamInstance, change: HealthChange): void;
  breaker(instance: UpstreamInstance, transition: BreakerTransition): void;
  /** Asked before 5xx answers open the instance's breaker (the service's panic threshold). */
  tripGuard(instance: UpstreamInstance): string | null;
}

/** The instance's identity in events, state and breaker commands: its URL's origin. */
export const instanceKey = (url: URL) => url.origin;

export class UpstreamInstance implements Balanceable, CapacityView {
  readonly key: string;
  readonly target: URL;
  readonly health: InstanceHealth;
  readonly breaker: CircuitBreaker;
  active = 0;
  wrrCurrent = 0;

  constructor(
    readonly service: string,
    readonly url: string,
    public weight: number,
    public source: InstanceSource,
    breaker: BreakerSettings,
    hooks: InstanceHooks,
    now: number,
  ) {
    this.target = new URL(url);
    this.key = instanceKey(this.target);
    this.health = new InstanceHealth((change) => hooks.health(this, change));
    this.breaker = new CircuitBreaker(breaker, (transition) => hooks.breaker(this, transition), now, () => hooks.tripGuard(this));
  }

  get inRotation(): boolean {
    return this.health.inRotation;
  }

  get breakerOpen(): boolean {
    return this.breaker.state === "open";
  }
}
