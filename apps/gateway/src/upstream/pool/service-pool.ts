// The live instances of one service: the revision's static instances plus the registered ones
// (an instance listed both ways is one instance, "static"), its balancer and its active checks.
// `instances` is replaced, never mutated, so a pick iterates a stable list.
import type { CompiledService } from "../../config/compiled.ts";
import { startActiveChecks, type ActiveChecks } from "../../health/active-checker.ts";
import type { Agents } from "../agents.ts";
import type { RegisteredInstance } from "../../stores/registry/interface.ts";
import type { ForcedState } from "../../stores/forced-breakers/interface.ts";
import type { Balancer, Priority } from "../load-balance/balancer.ts";
import { createBalancer } from "../load-balance/create-balancer.ts";
import { panicHold } from "../circuit-breaker/panic-threshold.ts";
import { breakerSettings, type BreakerSettings } from "../circuit-breaker/settings.ts";
import { instanceKey, UpstreamInstance, type InstanceHooks, type InstanceSource } from "./upstream-instance.ts";

/** What the pools do with instance news; the pool itself answers the trip guard. */
export type PoolHooks = Omit<InstanceHooks, "tripGuard">;

export interface PoolDeps {
  hooks: PoolHooks;
  /** The health checks' agents (a small pool of their own); each service's https ones carry its TLS. */
  probeAgents: Pick<Agents, "forTarget">;
  /** The operator's forced state for this instance, if any. */
  forcedFor(service: string, instance: string): ForcedState | undefined;
  now(): number;
  random?: () => number;
}

export class ServicePool {
  instances: readonly UpstreamInstance[] = [];
  private balancer: Balancer;
  private breaker: BreakerSettings;
  private registered: readonly RegisteredInstance[] = [];
  private readonly checks: ActiveChecks;
  private readonly hooks: InstanceHooks;

  constructor(
    public settings: CompiledService,
    private readonly deps: PoolDeps,
  ) {
    this.balancer = createBalancer(settings.loadBalancing, deps.random);
    this.breaker = breakerSettings(settings.priority, settings.circuitBreaker);
    this.hooks = { ...deps.hooks, tripGuard: (i) => panicHold(i, this.instances, this.breaker.panicThreshold) };
    this.rebuild();
    this.checks = startActiveChecks(
      {
        plan: () => ({ path: this.settings.healthCheckPath, check: this.settings.healthCheck }),
        targets: () => this.instances,
        afterRound: (now) => {
          const checked = this.settings.healthCheck.enabled;
          for (const i of this.instances) {
            if (checked && i.health.lastCheckOk === true) i.breaker.checkPassed(now);
            i.breaker.tick(now);
          }
        },
      },
      { forTarget: (target) => deps.probeAgents.forTarget(this.settings.name, target) },
      deps.now,
    );
  }

  get name(): string {
    return this.settings.name;
  }

  /** A new revision's settings for this service. */
  update(settings: CompiledService): void {
    const previous = this.settings;
    this.settings = settings;
    if (settings.loadBalancing !== previous.loadBalancing) {
      this.balancer = createBalancer(settings.loadBalancing, this.deps.random);
      for (const i of this.instances) i.wrrCurrent = 0;
    }
    this.breaker = breakerSettings(settings.priority, settings.circuitBreaker);
    for (const i of this.instances) i.breaker.updateSettings(this.breaker);
    this.rebuild();
  }

  setRegistered(list: readonly RegisteredInstance[]): void {
    this.registered = list;
    this.rebuild();
  }

  pick(accept: (instance: UpstreamInstance) => boolean, priority: Priority): UpstreamInstance | null {
    return this.balancer.pick(this.instances, accept, priority);
  }

  stop(): void {
    this.checks.stop();
  }

  private rebuild(): void {
    const wanted = new Map<string, { url: string; weight: number; source: InstanceSource }>();
    for (const s of this.settings.instances) if (!wanted.has(instanceKey(s.target))) wanted.set(instanceKey(s.target), { url: s.url, weight: s.weight, source: "static" });
    for (const r of this.registered) {
      const key = instanceKey(new URL(r.url));
      if (!wanted.has(key)) wanted.set(key, { url: r.url, weight: r.weight, source: "registered" });
    }
    const current = new Map(this.instances.map((i) => [i.key, i]));
    const next: UpstreamInstance[] = [];
    let changed = wanted.size !== this.instances.length;
    for (const [key, want] of wanted) {
      const existing = current.get(key);
      if (existing && existing.url === want.url) {
        if (existing.weight !== want.weight || existing.source !== want.source) changed = true;
        existing.weight = want.weight;
        existing.source = want.source;
        next.push(existing);
        continue;
      }
      changed = true;
      const created = new UpstreamInstance(this.name, want.url, want.weight, want.source, this.breaker, this.hooks, this.deps.now());
      const forced = this.deps.forcedFor(this.name, key);
      if (forced) created.breaker.force(forced === "open" ? "force_open" : "force_closed", this.deps.now());
      next.push(created);
    }
    if (changed || next.some((i, n) => i !== this.instances[n])) this.instances = Object.freeze(next);
  }
}
