// The shared limiter: one GCRA script call per decision (by EVALSHA, redis/script.ts).
import type { RedisClient } from "../redis/client.ts";
import { redisScript } from "../redis/script.ts";
import { GCRA_SCRIPT } from "./gcra-script.ts";
import { gcraParams, type RateLimitDecision, type RateLimitRequest, type RateLimitStore } from "./interface.ts";

const gcra = redisScript(GCRA_SCRIPT);

export function createRedisRateLimitStore(client: RedisClient, prefix = ""): RateLimitStore {
  return {
    kind: "redis",
    async take(request: RateLimitRequest): Promise<RateLimitDecision> {
      const { intervalMs, capacity } = gcraParams(request);
      const key = prefix + request.key;
      const interval = intervalMs.toFixed(6);
      const [allowed, remaining, retryAfterMs, resetMs] = (await gcra(client, 1, key, interval, capacity)) as [number, number, number, number];
      return { allowed: allowed === 1, remaining, retryAfterMs, resetMs };
    },
    // The client is shared (built at start-up); its owner closes it.
    async close() {},
  };
}
