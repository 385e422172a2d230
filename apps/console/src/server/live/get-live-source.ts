// The console process's one LiveSource, chosen once from the environment: Redis when REDIS_URL (or
// REDIS_CLUSTER_NODES, a Redis Cluster) is set, else the gateways' admin APIs (GATEWAY_ADMIN_URLS). Kept on globalThis so that dev-mode
// reloads reuse the connection instead of opening another.
import { env } from "../../env.ts";
import { createAdminApiLiveSource } from "./admin-api-source.ts";
import type { LiveSource } from "./live-source.ts";
import { createRedisLiveSource } from "./redis-source.ts";

const holder = globalThis as typeof globalThis & { __ttaLiveSource?: LiveSource };

export function getLiveSource(): LiveSource {
  const redis = env.REDIS_URL || env.REDIS_CLUSTER_NODES;
  if (!holder.__ttaLiveSource && !redis && env.GATEWAY_ADMIN_URLS.length === 0) {
    console.warn("[live] neither REDIS_URL, REDIS_CLUSTER_NODES nor GATEWAY_ADMIN_URLS is set: the operations view will show no gateway");
  }
  holder.__ttaLiveSource ??= redis
    ? createRedisLiveSource({ url: env.REDIS_URL, cluster: env.REDIS_CLUSTER_NODES, keyPrefix: env.REDIS_KEY_PREFIX })
    : createAdminApiLiveSource({ urls: env.GATEWAY_ADMIN_URLS, token: env.GATEWAY_ADMIN_TOKEN });
  return holder.__ttaLiveSource;
}
