// A Lua script run by EVALSHA (its SHA-1 computed once, here), so that its text crosses the wire
// once per connection, not with every call. The first call on a connection (and the first after
// each reconnect, when Redis may have restarted empty) is an EVAL, which caches the script: calls
// stay in the order they were made, which the session store's frames rely on. A NOSCRIPT answer
// (SCRIPT FLUSH) falls back to EVAL once. On a cluster each master has a script cache of its own:
// the master is the one holding the first key's slot, and what it has is tracked per master.
import { createHash } from "node:crypto";
import { Cluster, type Redis } from "ioredis";
import type { RedisClient } from "./client.ts";
import { keySlot } from "./key-slot.ts";

type Arg = string | number | Buffer;

const isNoScript = (error: unknown) => error instanceof Error && error.message.startsWith("NOSCRIPT");

/** The scripts each connection has had since it was last (re)connected. */
const loaded = new WeakMap<Redis, Set<string>>();
/** The same per master of a cluster, by node key ("host:port", as in cluster.slots). */
const loadedPerNode = new WeakMap<Cluster, Map<string, Set<string>>>();

function loadedOn(client: Redis): Set<string> {
  let known = loaded.get(client);
  if (!known) {
    const set = (known = new Set());
    client.on("ready", () => set.clear());
    loaded.set(client, known);
  }
  return known;
}

const nodeKey = (node: Redis) => `${node.options.host}:${node.options.port}`;

function loadedOnMasterOf(cluster: Cluster, key: Arg | undefined): Set<string> | null {
  if (typeof key !== "string") return null;
  const master = cluster.slots[keySlot(key)]?.[0];
  if (!master) return null; // slots not known yet: EVAL
  let byNode = loadedPerNode.get(cluster);
  if (!byNode) {
    const map = (byNode = new Map<string, Set<string>>());
    // A node that reconnects (it may have restarted empty) starts over with EVAL.
    const watch = (node: Redis) => node.on("ready", () => map.delete(nodeKey(node)));
    for (const node of cluster.nodes()) watch(node);
    cluster.on("+node", watch);
    cluster.on("-node", (node: Redis) => map.delete(nodeKey(node)));
    loadedPerNode.set(cluster, byNode);
  }
  let known = byNode.get(master);
  if (!known) byNode.set(master, (known = new Set()));
  return known;
}

/** The script as a call: the connection, how many of the arguments are keys, the keys, then the arguments. */
export function redisScript(lua: string): (client: RedisClient, numberOfKeys: number, ...keysAndArgs: Arg[]) => Promise<unknown> {
  const sha = createHash("sha1").update(lua).digest("hex");
  return async (client, numberOfKeys, ...keysAndArgs) => {
    const known = client instanceof Cluster ? (numberOfKeys > 0 ? loadedOnMasterOf(client, keysAndArgs[0]) : null) : loadedOn(client);
    if (!known?.has(sha)) {
      known?.add(sha);
      return client.eval(lua, numberOfKeys, ...keysAndArgs);
    }
    try {
      return await client.evalsha(sha, numberOfKeys, ...keysAndArgs);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return client.eval(lua, numberOfKeys, ...keysAndArgs);
    }
  };
}
