// The shared cache in Redis, under `${prefix}cache:` (key layout in redis-scripts.ts). The primary
// key is hashed (sha256, base64url), so any length and any characters are fine. A read is one
// HGETALL; every change is one script. The client is the gateway's (built once, with a short
// command timeout and no offline queue): while Redis is away every call rejects at once, and the
// cache stage goes to the upstream.
//
// On a Redis Cluster a script must stay within one slot, and a put touches its key, the purge
// indexes and the counters together; so the cache is split into `shards` key spaces, each under a
// hash tag of its own (`${prefix}cache:{0}:` … `{15}:`), with its own indexes and counters, and
// each primary key lives in one of them (by its hash). A purge or stats call visits every shard.
// One shard (the default, for one Redis) is the plain `${prefix}cache:` layout.
//
// stats() reads counters that put, delete and the purges keep (one script per shard: O(1) plus a
// bounded clean-up). They are approximate: a variant past its keepMs inside a key that is still alive is
// counted until a write touches that key or the key itself expires, and a key Redis expired is
// subtracted only when a later put or stats call finds it due (a few per put, up to 100 per stats).
import { createHash } from "node:crypto";
import { keyHolders, type RedisClient } from "../redis/client.ts";
import type { CachedResponse, HttpCacheStore } from "./interface.ts";
import { MAX_VARIANTS } from "./interface.ts";
import { decodeVariant, encodeVariant } from "./redis-codec.ts";
import { DELETE, PURGE, PUT, STATS } from "./redis-scripts.ts";

/** Index members taken per PURGE call: a big tag is purged in several short scripts, not one long one. */
const PURGE_BATCH = 200;
const SCAN_COUNT = 500;

/** An item of a key's variant list (field "m"). */
interface ListedVariant {
  f: string;
  e: number;
}

const put = PUT; // its variant argument is a Buffer: ioredis sends it as its bytes (the body is binary)

/** Shards on a Redis Cluster: enough to spread over a few masters (16 tags over 3 masters: 6, 6, 4 in the tests' cluster). */
export const CLUSTER_CACHE_SHARDS = 16;

const digestOf = (key: string) => createHash("sha256").update(key).digest();
const fieldOf = (variant: string) => `v:${variant}`;
const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, "\\$&");

export interface RedisHttpCacheOptions {
  now?: () => number;
  /** Key spaces, each under a hash tag of its own (Redis Cluster: CLUSTER_CACHE_SHARDS); 1 (the default) = no tag. */
  shards?: number;
}

export function createRedisHttpCacheStore(client: RedisClient, prefix: string, options: RedisHttpCacheOptions = {}): HttpCacheStore {
  const root = `${prefix}cache:`;
  const shards = Math.max(1, Math.floor(options.shards ?? 1));
  const bases = shards === 1 ? [root] : Array.from({ length: shards }, (_, i) => `${root}{${i}}:`);
  const now = () => Math.floor((options.now ?? Date.now)());
  /** The primary key's shard (its base) and hash. */
  const locate = (key: string) => {
    const digest = digestOf(key);
    return { base: bases[digest[0]! % shards]!, h: digest.toString("base64url") };
  };
  /** A key under root that holds one primary key's variants (not an index or a counter). */
  const isEntry = (k: string) => {
    const local = shards === 1 ? k.slice(root.length) : k.slice(root.length).replace(/^\{\d+\}:/, "");
    return !local.includes(":") && !["sizes", "due", "stats"].includes(local);
  };

  async function purgeShard(base: string, kind: "tag" | "route" | "user", name: string): Promise<number> {
    let gone = 0;
    for (;;) {
      const [n, left] = (await PURGE(client, 1, `${base}${kind}:${name}`, base, now(), kind, name, PURGE_BATCH)) as [number, number];
      gone += n;
      if (left === 0) return gone;
    }
  }
  const purge = async (kind: "tag" | "route" | "user", name: string) => (await Promise.all(bases.map((base) => purgeShard(base, kind, name)))).reduce((a, b) => a + b, 0);

  return {
    kind: "redis",
    async get(key) {
      const { base, h } = locate(key);
      const fields = await client.hgetallBuffer(base + h);
      const listed = fields.m ? (JSON.parse(fields.m.toString("utf8")) as ListedVariant[] | Record<string, never>) : [];
      if (!Array.isArray(listed)) return []; // cjson writes an empty list as {}
      const t = now();
      const out: CachedResponse[] = [];
      for (const { f, e } of listed) {
        const value = fields[f];
        const decoded = e > t && value ? decodeVariant(value) : null;
        if (decoded && decoded.expiresAt > t) out.push(decoded.response);
      }
      return out;
    },
    async put(key, response, { keepMs }) {
      const t = now();
      const expiresAt = t + Math.ceil(keepMs);
      const value = encodeVariant(response, expiresAt);
      const field = fieldOf(response.variant);
      const listed = { f: field, r: response.responseTime, e: expiresAt, b: value.length, t: response.tags, o: response.route, ...(response.userId === null ? {} : { u: response.userId }) };
      const { base, h } = locate(key);
      await put(client, 1, base + h, base, t, h, field, value, JSON.stringify(listed), MAX_VARIANTS);
    },
    async delete(key) {
      const { base, h } = locate(key);
      return Number(await DELETE(client, 1, base + h, base, now(), h));
    },
    purgeTag: (tag) => purge("tag", tag),
    purgeRoute: (route) => purge("route", route),
    purgeUser: (userId) => purge("user", userId),
    // SCAN in batches, never KEYS, on every master of a cluster; the counters go with the rest.
    // Counts the variants of the keys it found (HLEN less the list field), expired ones not yet
    // dropped included. One command per key (a cluster node refuses a command over keys of several
    // slots), pipelined. Not atomic: a put racing it may be left behind, or its key removed with
    // its count still in the counters.
    async purgeAll() {
      const pattern = `${globEscape(root)}*`;
      let gone = 0;
      for (const node of keyHolders(client)) {
        let cursor = "0";
        do {
          const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", SCAN_COUNT);
          cursor = next;
          if (keys.length === 0) continue;
          const entries = keys.filter(isEntry);
          const batch = node.pipeline();
          for (const k of entries) batch.hlen(k);
          for (const k of keys) batch.unlink(k);
          const replies = (await batch.exec()) ?? [];
          for (const [error, n] of replies.slice(0, entries.length)) if (!error) gone += Math.max(0, Number(n) - 1);
        } while (cursor !== "0");
      }
      return gone;
    },
    async stats() {
      const t = now();
      const counts = await Promise.all(bases.map((base) => STATS(client, 1, `${base}stats`, base, t) as Promise<[string | null, string | null]>));
      const sum = (i: 0 | 1) => counts.reduce((total, c) => total + Number(c[i] ?? 0), 0);
      return { entries: Math.max(0, sum(0)), bytes: Math.max(0, sum(1)) };
    },
    // The client is shared (built at start-up); its owner closes it.
    async close() {},
  };
}
