// The registry in Redis (keys from ARCHITECTURE.md, behind REDIS_KEY_PREFIX):
//   services:{name}       hash  instanceId -> JSON RegisteredInstance
//   health:{instanceId}   JSON {service, url, status, at}, expires after the instance's TTL
// An instance is live while its health key exists. No command spans two keys, so this also runs
// on Redis Cluster; entries whose health key expired are removed when a list finds them.
import type { RedisClient } from "../redis/client.ts";
import { registeredInstanceId } from "./instance-id.ts";
import type { RegisteredInstance, ServiceRegistry } from "./interface.ts";

export function createRedisRegistry(client: RedisClient, prefix = "", now: () => number = Date.now): ServiceRegistry {
  const servicesKey = (service: string) => `${prefix}services:${service}`;
  const healthKey = (id: string) => `${prefix}health:${id}`;
  const status = (i: RegisteredInstance) => JSON.stringify({ service: i.service, url: i.url, status: "up", at: now() });

  return {
    kind: "redis",
    async register(input) {
      const instance: RegisteredInstance = { ...input, metadata: { ...input.metadata }, id: registeredInstanceId(input.service, input.url), registeredAt: now() };
      // Health first: a list never sees an entry without it.
      await client.set(healthKey(instance.id), status(instance), "PX", instance.ttlMs);
      await client.hset(servicesKey(instance.service), instance.id, JSON.stringify(instance));
      return instance;
    },
    async heartbeat(service, id) {
      const raw = await client.hget(servicesKey(service), id);
      if (!raw) return false;
      const instance = JSON.parse(raw) as RegisteredInstance;
      await client.set(healthKey(id), status(instance), "PX", instance.ttlMs);
      return true;
    },
    async deregister(service, id) {
      const removed = await client.hdel(servicesKey(service), id);
      await client.del(healthKey(id));
      return removed > 0;
    },
    async list(service) {
      const entries = await client.hgetall(servicesKey(service));
      const ids = Object.keys(entries).sort();
      if (ids.length === 0) return [];
      // One EXISTS per key (not a multi-key command): keys of different instances may live on different cluster slots.
      const alive = await Promise.all(ids.map((id) => client.exists(healthKey(id))));
      const out: RegisteredInstance[] = [];
      const expired: string[] = [];
      ids.forEach((id, i) => (alive[i] ? out.push(JSON.parse(entries[id]!) as RegisteredInstance) : expired.push(id)));
      if (expired.length > 0) await client.hdel(servicesKey(service), ...expired);
      return out;
    },
  };
}
