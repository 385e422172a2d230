// Keeps each pool's registered instances current: a registry read per service every refreshMs
// (30 s by default) in the background, never on a request. While the registry cannot be read, the
// last list keeps serving: logged once per outage, counted through onFallback.
import type { Logger } from "pino";
import type { ServiceRegistry } from "../../stores/registry/interface.ts";
import type { UpstreamPools } from "../pool/upstream-pools.ts";

export interface Discovery {
  /** Reads the registry now, for one service or all; never throws. */
  refresh(service?: string): Promise<void>;
  close(): void;
}

export interface DiscoveryOptions {
  registry: ServiceRegistry;
  pools: UpstreamPools;
  refreshMs: number;
  log: Logger;
  onFallback?: () => void;
}

export function startDiscovery(options: DiscoveryOptions): Discovery {
  const { registry, pools } = options;
  const log = options.log.child({ component: "discovery" });
  let failing = false;

  async function refreshOne(service: string): Promise<void> {
    try {
      const list = await registry.list(service);
      pools.setRegistered(service, list);
      if (failing) log.info("service registry reachable again; registered instances refreshed");
      failing = false;
    } catch (error) {
      options.onFallback?.();
      if (!failing) log.warn({ err: error, service }, "service registry unreachable; routing with the last known registered instances");
      failing = true;
    }
  }

  const refresh = async (service?: string) => {
    await Promise.all((service ? [service] : pools.serviceNames()).map(refreshOne));
  };
  // A slow registry (each read is bounded by the client's command timeout) must not pile reads up.
  let background: Promise<void> | null = null;
  const timer = setInterval(() => {
    background ??= refresh().finally(() => (background = null));
  }, options.refreshMs);
  timer.unref();
  return { refresh, close: () => clearInterval(timer) };
}
