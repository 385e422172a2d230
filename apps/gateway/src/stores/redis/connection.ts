// The gateway's one Redis client, built at start-up when REDIS_URL (one Redis) or
// REDIS_CLUSTER_NODES (a Redis Cluster) is set. Commands fail fast while Redis is away (no offline
// queue, short timeouts) so that callers fall back at once instead of queueing; the client keeps
// reconnecting in the background. An outage is logged once.
import type { TRedisClusterTarget } from "@tta/domain";
import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { Logger } from "pino";
import { outageError } from "../../net/connection-error.ts";
import type { RedisClient } from "./client.ts";

export interface RedisConnection {
  /** One Redis or a Cluster: the stores use only commands both have (keys of one slot per command, script or MULTI). */
  readonly client: RedisClient;
  /** REDIS_KEY_PREFIX: put in front of every key and channel name this gateway uses. */
  readonly prefix: string;
  /** True on a Redis Cluster. */
  readonly cluster: boolean;
  ready(): boolean;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  /** REDIS_URL; or `cluster`. */
  url?: string;
  /** REDIS_CLUSTER_NODES, parsed. */
  cluster?: TRedisClusterTarget;
  prefix?: string;
  log: Logger;
  /** How long start-up waits for a first connection before going on without one. */
  startupWaitMs?: number;
  commandTimeoutMs?: number;
}

const retryStrategy = (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 3_000);

function createClient(options: RedisConnectionOptions): RedisClient {
  const common = {
    connectTimeout: 2_000,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    maxRetriesPerRequest: 1,
    connectionName: "tta-gateway",
  } satisfies RedisOptions;
  const target = options.cluster;
  if (!target) {
    if (!options.url) throw new Error("connectRedis needs a url or a cluster");
    return new Redis(options.url, { ...common, lazyConnect: true, enableOfflineQueue: false, retryStrategy });
  }
  return new Cluster(target.nodes, {
    lazyConnect: true,
    enableOfflineQueue: false,
    // Reads from masters only: the stores read what they have just written (registry, sessions).
    scaleReads: "master",
    clusterRetryStrategy: retryStrategy,
    slotsRefreshTimeout: 2_000,
    redisOptions: {
      ...common,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    },
  });
}

/**
 * A cluster opens its connection to a node on the first command for that node, and without an
 * offline queue it refuses the commands that come while that connection is still being made:
 * ioredis then retries them a little later (retryDelayOnFailover), after commands sent since, so a
 * burst on a new node could run out of order (seen in the tests: a rate limit over-admitting, which
 * session frames would not survive). So every node is connected as soon as the cluster knows it.
 */
function warmNodes(cluster: Cluster): void {
  const warm = (node: Redis) => {
    if (node.status === "wait") node.connect().catch(() => {}); // its errors reach the cluster's "node error"
  };
  cluster.on("+node", warm);
  cluster.on("ready", () => cluster.nodes().forEach(warm));
}

function mastersReady(cluster: Cluster): Promise<unknown> {
  return Promise.all(cluster.nodes("master").map((node) => (node.status === "ready" ? undefined : new Promise((resolve) => node.once("ready", resolve)))));
}

export async function connectRedis(options: RedisConnectionOptions): Promise<RedisConnection> {
  const log = options.log.child({ component: "redis" });
  const client = createClient(options);
  const cluster = client instanceof Cluster;
  const prefix = options.prefix ?? "";
  let down = false;
  const onError = (error: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: outageError(error) }, "redis unreachable; shared stores fall back until it is back");
  };
  client.on("error", onError);
  // A cluster reports a node it cannot reach as "node error" (the cluster may still be up).
  if (cluster) client.on("node error", (error: Error) => onError(error));
  client.on("ready", () => {
    if (down) log.info("redis reachable again");
    down = false;
  });
  // The first {…} of a key name is what Redis Cluster hashes: a tag in the prefix puts every key on one slot.
  if (cluster && /\{[^}]+\}/.test(prefix)) log.warn({ prefix }, "REDIS_KEY_PREFIX holds a hash tag: every key of this gateway lands in one slot of the cluster (one master)");

  if (cluster) warmNodes(client);

  const wait = options.startupWaitMs ?? 3_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client
      .connect()
      .then(() => (cluster ? mastersReady(client) : undefined))
      .catch(() => undefined), // keeps retrying in the background
    new Promise((resolve) => (timer = setTimeout(resolve, wait))),
  ]);
  clearTimeout(timer);
  if (client.status !== "ready") log.warn({ status: client.status }, "redis not ready at start-up; going on without it for now");

  return {
    client,
    prefix,
    cluster,
    ready: () => client.status === "ready",
    async close() {
      if (client.status === "ready") await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
