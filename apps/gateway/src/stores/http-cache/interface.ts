// The shared HTTP cache's storage (stages/cache decides what is stored and when it may be reused,
// as RFC 9111 says; the store only keeps it): every variant of an answer under its primary key,
// found again by the values of the request headers it varies on. Redis (`cache:{key}`, shared by
// every gateway) or in-process (bounded by bytes, least recently used first out).

/** One stored answer: one variant of its primary key. */
export interface CachedResponse {
  /**
   * The secondary key: the request's values of the headers the answer varies on, normalised by the
   * cache stage ("" when the answer has no Vary). A put replaces the variant with the same value.
   */
  readonly variant: string;
  readonly status: number;
  /** End-to-end headers as stored, names lower-case (Set-Cookie never among them). */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer;
  /** RFC 9111 §4.2.3: when the request that fetched it went out, and when its answer came, ms since the epoch. */
  readonly requestTime: number;
  readonly responseTime: number;
  /** The route whose answer it is (purge by route). */
  readonly route: string;
  /** Whose answer it is on a route partitioned by user; null when shared (purge of one user's answers). */
  readonly userId: string | null;
  /** The upstream's Surrogate-Key / Cache-Tag values (purge by tag). */
  readonly tags: readonly string[];
  /** Path and query it answered, for operators (purge listings, logs). */
  readonly url: string;
}

export interface CachePutOptions {
  /** How long the store may keep it: its freshness plus every window in which it may still be served stale, ms. */
  keepMs: number;
}

/** Kept by the stores as they change, not counted on request: variants past their keepMs may count until swept or touched. */
export interface CacheStoreStats {
  /** Variants held. */
  entries: number;
  /** Bytes held (bodies and headers), as the store counts them (local: entryBytes; Redis: the stored values' lengths). */
  bytes: number;
}

export interface HttpCacheStore {
  readonly kind: "redis" | "local";
  /** Every variant stored under `key` that has not outlived its keepMs, most recently stored first. */
  get(key: string): Promise<CachedResponse[]>;
  /**
   * Stores one variant under `key`, replacing the one with the same `variant`; beyond
   * MAX_VARIANTS per key the one with the oldest responseTime goes (never the one being put). The
   * primary key, its variants and the purge indexes change together (a reader never sees half of a
   * put). A store may decline to keep it (keepMs <= 0, or larger than an in-process store's bound);
   * the variant it would have replaced goes all the same.
   */
  put(key: string, response: CachedResponse, options: CachePutOptions): Promise<void>;
  /** Removes every variant under `key`; resolves with how many went (those still within their keepMs). */
  delete(key: string): Promise<number>;
  /** Removes every variant carrying the tag / of the route / of the user; resolves with how many went. */
  purgeTag(tag: string): Promise<number>;
  purgeRoute(route: string): Promise<number>;
  purgeUser(userId: string): Promise<number>;
  /** Removes everything this store holds for this gateway (its key prefix); resolves with how many went (Redis: expired ones not yet dropped included). */
  purgeAll(): Promise<number>;
  stats(): Promise<CacheStoreStats>;
  close(): Promise<void>;
}

/** Variants kept per primary key (Vary on a header with many values must not grow without bound). */
export const MAX_VARIANTS = 16;
