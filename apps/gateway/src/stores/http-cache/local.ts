// The in-process twin of the Redis cache store (one gateway, no Redis): bounded by bytes, least
// recently used primary key out first (a get or a put is a use), each variant dropped once past its
// keepMs. What is stored is a copy with frozen headers and tags; a get hands out a copy of the body.
// stats() are counters kept exact by every change; an expired variant counts until a get, a put to
// its key or the sweep (every sweepEveryMs) drops it.
import type { CachedResponse, CacheStoreStats, HttpCacheStore } from "./interface.ts";
import { MAX_VARIANTS } from "./interface.ts";
import { PurgeIndex } from "./purge-index.ts";

export interface LocalHttpCacheOptions {
  /** Bytes held at most, as entryBytes counts them. */
  maxBytes: number;
  now?: () => number;
  /** Called after a put with how many variants it evicted to make room (expiry, replacement and MAX_VARIANTS are not counted). */
  onEvict?: (count: number) => void;
  /** How often expired variants are swept when nobody reads them. */
  sweepEveryMs?: number;
}

/** What an entry costs beyond its body, headers and strings: the objects, the map and index slots. */
export const ENTRY_OVERHEAD_BYTES = 256;

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

/**
 * The bytes one variant is counted for: its body, every header line ("name: value\r\n" per value),
 * its url, variant, route, userId and tags as UTF-8, and ENTRY_OVERHEAD_BYTES.
 */
export function entryBytes(r: CachedResponse): number {
  let n = r.body.length + ENTRY_OVERHEAD_BYTES + utf8(r.url) + utf8(r.variant) + utf8(r.route) + utf8(r.userId ?? "");
  for (const tag of r.tags) n += utf8(tag);
  for (const [name, value] of Object.entries(r.headers)) {
    for (const v of typeof value === "string" ? [value] : value) n += utf8(name) + utf8(v) + 4;
  }
  return n;
}

interface Stored {
  readonly response: CachedResponse;
  readonly expiresAt: number;
  readonly bytes: number;
}

/** The variants of one primary key, most recently stored first. */
type Variants = Stored[];

function frozenCopy(r: CachedResponse): CachedResponse {
  const headers: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(r.headers)) headers[name] = typeof value === "string" ? value : Object.freeze([...value]);
  return Object.freeze({ ...r, headers: Object.freeze(headers), tags: Object.freeze([...r.tags]), body: Buffer.from(r.body) });
}

export type LocalHttpCacheStore = HttpCacheStore & {
  /** Index triples (name, key, variant) held across tags, routes and users: for tests. */
  indexSize(): number;
};

export function createLocalHttpCacheStore(options: LocalHttpCacheOptions): LocalHttpCacheStore {
  const now = options.now ?? Date.now;
  const { maxBytes } = options;
  /** Map order is least recently used first. */
  const keys = new Map<string, Variants>();
  const tags = new PurgeIndex();
  const routes = new PurgeIndex();
  const users = new PurgeIndex();
  const held: CacheStoreStats = { entries: 0, bytes: 0 };

  const indexes = (key: string, s: Stored, op: "add" | "remove") => {
    const { variant, route, userId } = s.response;
    for (const tag of new Set(s.response.tags)) tags[op](tag, key, variant);
    routes[op](route, key, variant);
    if (userId !== null) users[op](userId, key, variant);
  };
  const link = (key: string, variants: Variants, s: Stored, at: number) => {
    variants.splice(at, 0, s);
    indexes(key, s, "add");
    held.entries += 1;
    held.bytes += s.bytes;
  };
  /** Takes the variant at `at` out of `key`, and the key when it was its last; answers whether it was still live. */
  const unlink = (key: string, variants: Variants, at: number): boolean => {
    const [s] = variants.splice(at, 1);
    if (!s) return false;
    indexes(key, s, "remove");
    held.entries -= 1;
    held.bytes -= s.bytes;
    if (variants.length === 0) keys.delete(key);
    return s.expiresAt > now();
  };
  const dropExpired = (key: string, variants: Variants) => {
    const t = now();
    for (let i = variants.length - 1; i >= 0; i--) if (variants[i]!.expiresAt <= t) unlink(key, variants, i);
  };
  const removeAll = (key: string): number => {
    const variants = keys.get(key);
    let n = 0;
    while (variants?.length) if (unlink(key, variants, variants.length - 1)) n++;
    return n;
  };
  const purge = (index: PurgeIndex, name: string): number => {
    let n = 0;
    for (const [key, variant] of index.list(name)) {
      const variants = keys.get(key);
      const at = variants?.findIndex((s) => s.response.variant === variant) ?? -1;
      if (variants && at >= 0 && unlink(key, variants, at)) n++;
    }
    return n;
  };
  /** Least recently used keys out until the bound holds; within the key just put, its oldest other variants. */
  const makeRoom = (justPut: string, keep: Stored): number => {
    let evicted = 0;
    while (held.bytes > maxBytes) {
      const [key, variants] = keys.entries().next().value!;
      if (key !== justPut) {
        evicted += variants.length;
        removeAll(key);
        continue;
      }
      const at = variants.findLastIndex((s) => s !== keep);
      if (at < 0) break; // cannot happen: an entry over maxBytes is never stored
      unlink(key, variants, at);
      evicted++;
    }
    return evicted;
  };

  const sweep = () => {
    for (const [key, variants] of keys) dropExpired(key, variants);
  };
  const timer = setInterval(sweep, options.sweepEveryMs ?? 30_000);
  timer.unref();

  return {
    kind: "local",
    indexSize: () => tags.size() + routes.size() + users.size(),
    async get(key) {
      const variants = keys.get(key);
      if (!variants) return [];
      dropExpired(key, variants);
      if (variants.length === 0) return [];
      keys.delete(key); // re-insert: a read is a use
      keys.set(key, variants);
      return variants.map((s) => ({ ...s.response, body: Buffer.from(s.response.body) }));
    },
    async put(key, response, { keepMs }) {
      const variants = keys.get(key) ?? [];
      dropExpired(key, variants);
      const same = variants.findIndex((s) => s.response.variant === response.variant);
      if (same >= 0) unlink(key, variants, same); // a fresher answer was fetched: the old one goes even when the new one is not kept
      const stored: Stored = { response: frozenCopy(response), expiresAt: now() + keepMs, bytes: entryBytes(response) };
      if (stored.bytes > maxBytes || keepMs <= 0) return;
      while (variants.length >= MAX_VARIANTS) {
        let oldest = 0;
        variants.forEach((s, i) => {
          if (s.response.responseTime < variants[oldest]!.response.responseTime) oldest = i;
        });
        unlink(key, variants, oldest);
      }
      keys.delete(key);
      keys.set(key, variants);
      link(key, variants, stored, 0);
      const evicted = makeRoom(key, stored);
      if (evicted > 0) options.onEvict?.(evicted);
    },
    async delete(key) {
      return removeAll(key);
    },
    purgeTag: async (tag) => purge(tags, tag),
    purgeRoute: async (route) => purge(routes, route),
    purgeUser: async (userId) => purge(users, userId),
    async purgeAll() {
      let n = 0;
      for (const key of [...keys.keys()]) n += removeAll(key);
      return n;
    },
    async stats() {
      return { ...held };
    },
    async close() {
      clearInterval(timer);
      keys.clear();
      for (const index of [tags, routes, users]) index.clear();
      held.entries = held.bytes = 0;
    },
  };
}
