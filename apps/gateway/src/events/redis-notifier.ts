// Cluster mode: each therapeutic event is announced on the shared Redis channel the moment it is
// detected (LIVE_REDIS.therapeuticEventsChannel, ids and severities only), before its row is
// written. Redis's own outage is logged by its connection; failures here are only counted.
import { liveRedisNames } from "@tta/domain";
import { publishOrdered } from "../stores/redis/client.ts";
import type { RedisConnection } from "../stores/redis/connection.ts";
import type { EventNotifier } from "./event-service.ts";

export function redisEventNotifier(connection: RedisConnection, onFailure: () => void): EventNotifier {
  const channel = liveRedisNames(connection.prefix).therapeuticEventsChannel;
  return {
    notify(notice) {
      publishOrdered(connection.client, channel, JSON.stringify(notice)).catch(onFailure);
    },
  };
}
