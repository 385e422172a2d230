// Forced breakers in the LIVE_REDIS.forcedBreakers hash ("{service}|{instance}" -> open|closed),
// behind REDIS_KEY_PREFIX; the console may write it as well.
import { liveRedisNames } from "@tta/domain";
import type { RedisClient } from "../redis/client.ts";
import { forcedKey, type ForcedBreakerStore, type ForcedState } from "./interface.ts";

export function createRedisForcedBreakers(client: RedisClient, prefix = ""): ForcedBreakerStore {
  const key = liveRedisNames(prefix).forcedBreakers;
  return {
    kind: "redis",
    async all() {
      const raw = await client.hgetall(key);
      const out = new Map<string, ForcedState>();
      for (const [field, value] of Object.entries(raw)) if (value === "open" || value === "closed") out.set(field, value);
      return out;
    },
    async set(service, instance, state) {
      if (state) await client.hset(key, forcedKey(service, instance), state);
      else await client.hdel(key, forcedKey(service, instance));
    },
  };
}
