// What the cache stage keeps for an answer: the stored entry (its variant, the upstream's headers,
// the purge tags: its URI, the upstream's Surrogate-Key / Cache-Tag values), how long the store
// keeps it, and a stored entry refreshed by a 304. Also the store's writes, each failure counted
// and logged at most once a minute.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { Logger } from "pino";
import type { CompiledCachePolicy } from "../../config/compiled.ts";
import { responseDirectives, type Directives } from "../../http-cache/cache-control.ts";
import { freshnessLifetime } from "../../http-cache/freshness.ts";
import { uriTag } from "../../http-cache/key.ts";
import type { CacheMeters } from "../../http-cache/meters.ts";
import { notStoredBecause, staleWindowSeconds, type NotStored } from "../../http-cache/storage.ts";
import { refreshedHeaders } from "../../http-cache/validators.ts";
import { variantKey, varyOf } from "../../http-cache/variants.ts";
import type { CachedResponse, HttpCacheStore } from "../../stores/http-cache/interface.ts";

/** What one request knows about its cache entry. */
export interface Lookup {
  key: string;
  route: string;
  uri: string;
  host: string;
  /** The user on a per-user route ("" when anonymous there); null on a shared one. */
  user: string | null;
  policy: CompiledCachePolicy;
  request: Directives;
  /** The request's headers (Vary's secondary key) and whether it carried Authorization. */
  headers: IncomingHttpHeaders;
}

/** Request headers that make a request conditional: ours replace them when the cache validates. */
export const CONDITIONALS = ["if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range"];
/** Tags the upstream names its answer with (purge by tag), at most MAX_TAGS of at most 256 characters. */
const TAG_HEADERS = ["surrogate-key", "cache-tag"];
const MAX_TAGS = 64;

function tagsOf(headers: OutgoingHttpHeaders, lookup: Lookup): string[] {
  const tags = new Set<string>([uriTag(lookup.host, lookup.uri)]);
  for (const name of TAG_HEADERS) {
    const value = headers[name];
    if (value === undefined) continue;
    for (const t of String(value).split(/[\s,]+/)) if (t && t.length <= 256 && tags.size <= MAX_TAGS) tags.add(`tag:${t}`);
  }
  return [...tags];
}

/** The upstream's headers as a stored answer keeps them (an answer with Set-Cookie is never stored). */
function storedHeaders(headers: OutgoingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.map(String) : String(value);
  return out;
}

export interface Fetched {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  requestTime: number;
  responseTime: number;
}

/** The entry to store for an upstream answer, or why it may not be stored. */
export function entryFor(lookup: Lookup, answer: Fetched): { entry: CachedResponse } | { notStored: NotStored } {
  const kept = storedHeaders(answer.headers);
  const reason = notStoredBecause({ method: "GET", status: answer.status, request: lookup.request, response: responseDirectives(kept), headers: kept, authorized: lookup.headers.authorization !== undefined, sharedWithCookie: lookup.user === null && lookup.headers.cookie !== undefined, policy: lookup.policy });
  if (reason) return { notStored: reason };
  return {
    entry: {
      variant: variantKey(varyOf(kept).names, lookup.headers),
      status: answer.status,
      headers: kept,
      body: answer.body,
      requestTime: answer.requestTime,
      responseTime: answer.responseTime,
      route: lookup.route,
      userId: lookup.user || null,
      tags: tagsOf(answer.headers, lookup),
      url: lookup.uri,
    },
  };
}

/** The stored answer refreshed by a 304 (validation in the foreground or the background). */
export function refreshed(stored: CachedResponse, notModified: OutgoingHttpHeaders, requestTime: number, responseTime: number): CachedResponse {
  return { ...stored, headers: refreshedHeaders(stored.headers, notModified), requestTime, responseTime };
}

/** How long the store keeps an answer: fresh, then every window it may still be used in. */
export function keepMsOf(entry: Pick<CachedResponse, "status" | "headers">, policy: CompiledCachePolicy): number {
  const directives = responseDirectives(entry.headers);
  return (freshnessLifetime(entry.status, directives, entry.headers, policy) + staleWindowSeconds(directives, entry.headers, policy)) * 1000;
}

/** The store's writes for the cache stage. */
export class CacheWriter {
  private downSince = 0;

  constructor(
    readonly store: HttpCacheStore,
    private readonly meters: CacheMeters,
    private readonly log: Logger,
  ) {}

  failed(error: unknown, what: string): void {
    this.meters.storeFailure();
    if (Date.now() - this.downSince > 60_000) this.log.warn({ err: error }, `http cache: ${what} failed; requests go upstream meanwhile`);
    this.downSince = Date.now();
  }

  put(key: string, entry: CachedResponse, policy: CompiledCachePolicy): void {
    this.store.put(key, entry, { keepMs: keepMsOf(entry, policy) }).then(
      () => this.meters.stored(entry.route, entry.body.length),
      (error: unknown) => this.failed(error, "storing an answer"),
    );
  }

  /** Counts an answer that was not stored, by reason. */
  notStored(route: string, reason: string): void {
    this.meters.notStored(route, reason);
  }
}
