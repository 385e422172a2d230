// A Lua script run by EVALSHA (its SHA-1 computed once, here), so that its text crosses the wire
// once per connection, not with every call. The first call on a connection (and the first after
// each reconnect, when Redis may have restarted empty) is an EVAL, which caches the script: calls
// stay in the order they were made, which the session store's frames rely on. A NOSCRIPT answer
// (SCRIPT FLUSH) falls back to EVAL once.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

type Arg = string | number | Buffer;

const isNoScript = (error: unknown) => error instanceof Error && error.message.startsWith("NOSCRIPT");

/** The scripts each connection has had since it was last (re)connected. */
const loaded = new WeakMap<Redis, Set<string>>();

function loadedOn(client: Redis): Set<string> {
  let known = loaded.get(client);
  if (!known) {
    const set = (known = new Set());
    client.on("ready", () => set.clear());
    loaded.set(client, known);
  }
  return known;
}

/** The script as a call: the connection, how many of the arguments are keys, the keys, then the arguments. */
export function redisScript(lua: string): (client: Redis, numberOfKeys: number, ...keysAndArgs: Arg[]) => Promise<unknown> {
  const sha = createHash("sha1").update(lua).digest("hex");
  return async (client, numberOfKeys, ...keysAndArgs) => {
    const known = loadedOn(client);
    if (!known.has(sha)) {
      known.add(sha);
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
