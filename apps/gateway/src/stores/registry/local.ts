// The in-process registry of a standalone gateway: the same contract as the Redis one, with
// expiry checked on read.
import { registeredInstanceId } from "./instance-id.ts";
import type { RegisteredInstance, ServiceRegistry } from "./interface.ts";

interface Entry {
  instance: RegisteredInstance;
  expiresAt: number;
}

export function createLocalRegistry(now: () => number = Date.now): ServiceRegistry {
  const services = new Map<string, Map<string, Entry>>();
  const live = (service: string): Map<string, Entry> | undefined => {
    const entries = services.get(service);
    if (!entries) return undefined;
    const t = now();
    for (const [id, entry] of entries) if (entry.expiresAt <= t) entries.delete(id);
    return entries;
  };
  return {
    kind: "local",
    async register(input) {
      const instance: RegisteredInstance = { ...input, metadata: { ...input.metadata }, id: registeredInstanceId(input.service, input.url), registeredAt: now() };
      let entries = services.get(input.service);
      if (!entries) services.set(input.service, (entries = new Map()));
      entries.set(instance.id, { instance, expiresAt: now() + input.ttlMs });
      return { ...instance, metadata: { ...instance.metadata } };
    },
    async heartbeat(service, id) {
      const entry = live(service)?.get(id);
      if (!entry) return false;
      entry.expiresAt = now() + entry.instance.ttlMs;
      return true;
    },
    async deregister(service, id) {
      return live(service)?.delete(id) ?? false;
    },
    async list(service) {
      const entries = live(service);
      if (!entries) return [];
      return [...entries.values()].map((e) => ({ ...e.instance, metadata: { ...e.instance.metadata } })).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
  };
}
