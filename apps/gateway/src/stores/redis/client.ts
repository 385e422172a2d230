// What the Redis stores hold: one Redis or a Redis Cluster (ioredis gives both the same commands).
// On a cluster every command, script or MULTI must touch keys of one slot: keys used together
// share a hash tag (`{…}`: Redis Cluster hashes only the part inside the first braces; a single
// Redis ignores them). What differs is here: the nodes a SCAN must visit, and a second connection
// for SUBSCRIBE.
import { Cluster, type Redis } from "ioredis";

export type RedisClient = Redis | Cluster;

/** The connections that hold keys: the client itself, or every master of a cluster (SCAN is per node). */
export function keyHolders(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes("master") : [client];
}

/**
 * A connection of its own for SUBSCRIBE, with the client's address and credentials: it queues
 * (SUBSCRIBE until connected) and re-subscribes after every reconnect. On a cluster, PUBLISH reaches
 * every node over the cluster bus, so the subscriber listens on any one node (ioredis picks one,
 * and another when that one goes away).
 */
export function subscriberOf(client: RedisClient, connectionName: string): RedisClient {
  if (client instanceof Cluster) {
    return client.duplicate(undefined, {
      lazyConnect: true,
      enableOfflineQueue: true,
      redisOptions: { ...client.options.redisOptions, maxRetriesPerRequest: null, commandTimeout: undefined, connectionName },
    });
  }
  return client.duplicate({ lazyConnect: true, enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined, connectionName });
}
