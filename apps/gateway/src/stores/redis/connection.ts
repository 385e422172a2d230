// The gateway's one Redis client, built at start-up when REDIS_URL is set. Commands fail fast while
// Redis is away (no offline queue, short timeouts) so that callers fall back at once instead of
// queueing; the client keeps reconnecting in the background. An outage is logged once.
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { outageError } from "../../net/connection-error.ts";

export interface RedisConnection {
  readonly client: Redis;
  /** REDIS_KEY_PREFIX: put in front of every key and channel name this gateway uses. */
  readonly prefix: string;
  ready(): boolean;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  url: string;
  prefix?: string;
  log: Logger;
  /** How long start-up waits for a first connection before going on without one. */
  startupWaitMs?: number;
  commandTimeoutMs?: number;
}

export async function connectRedis(options: RedisConnectionOptions): Promise<RedisConnection> {
  const log = options.log.child({ component: "redis" });
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 3_000),
    connectionName: "tta-gateway",
  });
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: outageError(error) }, "redis unreachable; shared stores fall back until it is back");
  });
  client.on("ready", () => {
    if (down) log.info("redis reachable again");
    down = false;
  });

  const wait = options.startupWaitMs ?? 3_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.connect().catch(() => undefined), // keeps retrying in the background
    new Promise((resolve) => (timer = setTimeout(resolve, wait))),
  ]);
  clearTimeout(timer);
  if (client.status !== "ready") log.warn({ status: client.status }, "redis not ready at start-up; going on without it for now");

  return {
    client,
    prefix: options.prefix ?? "",
    ready: () => client.status === "ready",
    async close() {
      if (client.status === "ready") await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
