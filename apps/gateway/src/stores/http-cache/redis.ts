// The shared cache in Redis, under `${prefix}cache:` (key layout in redis-scripts.ts). The primary
// key is hashed (sha256, base64url), so any length and any characters are fine. A read is one
// HGETALL; every change is one script. The client is the gateway's (built once, with a short
// command timeout and no offline queue): while Redis is away every call rejects at once, and the
// cache stage goes to the upstream.
//
// stats() reads counters that put, delete and the purges keep (one script: O(1) plus a bounded
// clean-up). They are approximate: a variant past its keepMs inside a key that is still alive is
// counted until a write touches that key or the key itself expires, and a key Redis expired is
// subtracted only when a later put or stats call finds it due (a few per put, up to 100 per stats).
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
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

const hashOf = (key: string) => createHash("sha256").update(key).digest("base64url");
const fieldOf = (variant: string) => `v:${variant}`;
const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, "\\$&");

export interface RedisHttpCacheOptions {
  now?: () => number;
}

export function createRedisHttpCacheStore(client: Redis, prefix: string, options: RedisHttpCacheOptions = {}): HttpCacheStore {
  const base = `${prefix}cache:`;
  const now = () => Math.floor((options.now ?? Date.now)());

  async function purge(kind: "tag" | "route" | "user", name: string): Promise<number> {
    let gone = 0;
    for (;;) {
      const [n, left] = (await PURGE(client, 1, `${base}${kind}:${name}`, base, now(), kind, name, PURGE_BATCH)) as [number, number];
      gone += n;
      if (left === 0) return gone;
    }
  }

  return {
    kind: "redis",
    async get(key) {
      const fields = await client.hgetallBuffer(base + hashOf(key));
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
      await put(client, 0, base, t, hashOf(key), field, value, JSON.stringify(listed), MAX_VARIANTS);
    },
    async delete(key) {
      return Number(await DELETE(client, 0, base, now(), hashOf(key)));
    },
    purgeTag: (tag) => purge("tag", tag),
    purgeRoute: (route) => purge("route", route),
    purgeUser: (userId) => purge("user", userId),
    // SCAN in batches, never KEYS; the counters go with the rest. Counts the variants of the keys it
    // found (HLEN less the list field), expired ones not yet dropped included. Not atomic: a put
    // racing it may be left behind, or its key removed with its count still in the counters.
    async purgeAll() {
      const pattern = `${globEscape(base)}*`;
      let cursor = "0";
      let gone = 0;
      do {
        const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", SCAN_COUNT);
        cursor = next;
        if (keys.length === 0) continue;
        const entries = keys.filter((k) => !k.slice(base.length).includes(":") && !["sizes", "due", "stats"].includes(k.slice(base.length)));
        const batch = client.multi();
        for (const k of entries) batch.hlen(k);
        batch.unlink(...keys);
        const replies = (await batch.exec()) ?? [];
        for (const [error, n] of replies.slice(0, entries.length)) if (!error) gone += Math.max(0, Number(n) - 1);
      } while (cursor !== "0");
      return gone;
    },
    async stats() {
      const [entries, bytes] = (await STATS(client, 0, base, now())) as [string | null, string | null];
      return { entries: Math.max(0, Number(entries ?? 0)), bytes: Math.max(0, Number(bytes ?? 0)) };
    },
    // The client is shared (built at start-up); its owner closes it.
    async close() {},
  };
}
