// Every service's pool, kept in step with the config revision (syncConfig) and the registry
// (setRegistered). It is the gateway's UpstreamStateSource: it reports instances and applies
// operators' breaker commands, and it turns health changes and breaker transitions into live
// events and one log line each.
import type { TBreakerCommand, TInstanceState } from "@tta/domain";
import type { Logger } from "pino";
import type { CompiledConfig } from "../../config/compiled.ts";
import type { Agents } from "../agents.ts";
import type { LiveSink, UpstreamStateSource } from "../../live/contracts.ts";
import { forcedKey, type ForcedBreakerStore, type ForcedState } from "../../stores/forced-breakers/interface.ts";
import type { RegisteredInstance } from "../../stores/registry/interface.ts";
import { instanceState } from "./instance-state.ts";
import { ServicePool, type PoolHooks } from "./service-pool.ts";

export interface UpstreamPoolsOptions {
  gatewayId: string;
  live: LiveSink;
  log: Logger;
  probeAgents: Pick<Agents, "forTarget">;
  forcedStore: ForcedBreakerStore;
  now?: () => number;
  random?: () => number;
}

export class UpstreamPools implements UpstreamStateSource {
  private readonly pools = new Map<string, ServicePool>();
  private forced = new Map<string, ForcedState>();
  /** Bumped by each local command: a store read that started before it is stale. */
  forcedVersion = 0;
  private readonly now: () => number;
  private readonly hooks: PoolHooks;

  constructor(private readonly options: UpstreamPoolsOptions) {
    this.now = options.now ?? Date.now;
    const { gatewayId, live } = options;
    const log = options.log.child({ component: "upstream" });
    this.hooks = {
      health: (i, c) => {
        const at = this.now();
        live.publish({ type: "health.change", gatewayId, at, service: i.service, instance: i.key, ...c });
        log.info({ service: i.service, instance: i.key, score: c.score, previousScore: c.previousScore, inRotation: c.inRotation, reason: c.reason }, "instance health changed");
      },
      breaker: (i, t) => {
        const at = this.now();
        live.publish({ type: "breaker.transition", gatewayId, at, service: i.service, instance: i.key, ...t });
        log.info({ service: i.service, instance: i.key, from: t.from, to: t.to, forced: t.forced, reason: t.reason }, "circuit breaker changed");
      },
    };
  }

  get(service: string): ServicePool | undefined {
    return this.pools.get(service);
  }

  serviceNames(): string[] {
    return [...this.pools.keys()];
  }

  /** Follows a new revision; returns the services that are new (to look up in the registry). */
  syncConfig(config: CompiledConfig | null): string[] {
    if (!config) return [];
    const added: string[] = [];
    for (const [name, settings] of config.services) {
      const pool = this.pools.get(name);
      if (pool) pool.update(settings);
      else {
        this.pools.set(
          name,
          new ServicePool(settings, {
            hooks: this.hooks,
            probeAgents: this.options.probeAgents,
            forcedFor: (service, instance) => this.forced.get(forcedKey(service, instance)),
            now: this.now,
            random: this.options.random,
          }),
        );
        added.push(name);
      }
    }
    for (const [name, pool] of this.pools) {
      if (config.services.has(name)) continue;
      pool.stop();
      this.pools.delete(name);
    }
    return added;
  }

  setRegistered(service: string, list: readonly RegisteredInstance[]): void {
    this.pools.get(service)?.setRegistered(list);
  }

  instances(): TInstanceState[] {
    const now = this.now();
    const out: TInstanceState[] = [];
    for (const pool of this.pools.values()) for (const i of pool.instances) out.push(instanceState(i, now));
    return out;
  }

  applyBreakerCommand(command: TBreakerCommand): boolean {
    const instance = this.pools.get(command.service)?.instances.find((i) => i.key === command.instance);
    if (!instance) return false;
    const key = forcedKey(command.service, command.instance);
    const state: ForcedState | null = command.action === "force_open" ? "open" : command.action === "force_closed" ? "closed" : null;
    if (state) this.forced.set(key, state);
    else this.forced.delete(key);
    this.forcedVersion++;
    instance.breaker.force(command.action, this.now());
    this.options.forcedStore.set(command.service, command.instance, state).catch((error: unknown) => {
      this.options.log.warn({ err: error, service: command.service, instance: command.instance }, "forced breaker state not shared (store unreachable); applied here only");
    });
    return true;
  }

  /** The shared forced states (store read): applies what changed. */
  applyForced(forced: Map<string, ForcedState>): void {
    this.forced = forced;
    const now = this.now();
    for (const pool of this.pools.values()) {
      for (const i of pool.instances) {
        const wanted = forced.get(forcedKey(i.service, i.key)) ?? "none";
        if (i.breaker.forced === wanted) continue;
        i.breaker.force(wanted === "open" ? "force_open" : wanted === "closed" ? "force_closed" : "reset", now);
      }
    }
  }

  close(): void {
    for (const pool of this.pools.values()) pool.stop();
    this.pools.clear();
  }
}
