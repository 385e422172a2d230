// Picks the live transport once, at start-up: Redis when the gateway has a Redis connection
// (REDIS_URL set), in-process otherwise.
import type { Logger } from "pino";
import type { RedisConnection } from "../stores/redis/connection.ts";
import type { LiveTransport } from "./transport/interface.ts";
import { createLocalTransport } from "./transport/local.ts";
import { createRedisTransport } from "./transport/redis.ts";

export function createLiveTransport(options: {
  redis: RedisConnection | null;
  gatewayId: string;
  log: Logger;
  onFailure?: (operation: string) => void;
}): Promise<LiveTransport> | LiveTransport {
  const log = options.log.child({ component: "live" });
  if (!options.redis) return createLocalTransport({ log });
  return createRedisTransport({ connection: options.redis, gatewayId: options.gatewayId, log, onFailure: options.onFailure });
}
