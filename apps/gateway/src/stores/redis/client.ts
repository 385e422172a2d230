// What the Redis stores hold: one Redis or a Redis Cluster (ioredis gives both the same commands).
// On a cluster every command, script or MULTI must touch keys of one slot: keys used together
// share a hash tag (`{…}`: Redis Cluster hashes only the part inside the first braces; a single
// Redis ignores them). What differs is here: the nodes a SCAN must visit, a second connection for
// SUBSCRIBE, and where a PUBLISH goes.
import { Cluster, type Redis } from "ioredis";
import { keySlot } from "./key-slot.ts";

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

const nodeKey = (node: Redis) => `${node.options.host}:${node.options.port}`;

/**
 * PUBLISH, in order per channel on a cluster too. A cluster relays a PUBLISH from the node that got
 * it to every other node, and ioredis sends a command without keys to any node: two publishes on
 * one channel could then take two paths and arrive swapped (seen in the tests). So every publish
 * on a channel goes through one node, the master of the channel name's slot (as if it were a key).
 * The answer is what that node counts (its own subscribers only, on a cluster).
 */
export function publishOrdered(client: RedisClient, channel: string, message: string): Promise<number> {
  if (!(client instanceof Cluster)) return client.publish(channel, message);
  const master = client.slots[keySlot(channel)]?.[0];
  const node = master ? client.nodes("master").find((n) => nodeKey(n) === master) : undefined;
  return (node ?? client).publish(channel, message);
}
