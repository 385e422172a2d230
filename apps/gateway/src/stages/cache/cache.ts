// Routes with a cache policy: a shared HTTP cache as RFC 9111 describes it (http-cache/). A GET or
// HEAD is answered from a stored variant while it may be (fresh, or stale where max-stale or
// stale-while-revalidate allow, the latter refreshed in the background); otherwise it goes upstream,
// conditionally when a stored variant has validators, and the answer is stored as it streams when
// it may be. A 304 refreshes the stored answer, a failing upstream gets the stored one served
// within stale-if-error. Requests for a missing answer wait for the fetch already under way.
// Unsafe methods that succeed invalidate what is stored for their URI (and Location and
// Content-Location). Requests the safety scanner flagged (a crisis, unsafe content, personal data
// in a query) are never answered from the cache, stored or coalesced. Answers 504
// GW_CACHE_NOT_STORED to only-if-cached without a usable stored answer. Every answer says what the
// cache did in Cache-Status (RFC 9211).
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { Logger } from "pino";
import type { CompiledCachePolicy, CompiledRoute } from "../../config/compiled.ts";
import { requestDirectives, responseDirectives, type Directives } from "../../http-cache/cache-control.ts";
import { appendCacheStatus, cacheStatus, type CacheStatus } from "../../http-cache/cache-status.ts";
import type { Coalescer } from "../../http-cache/coalesce.ts";
import { currentAge, freshnessLifetime } from "../../http-cache/freshness.ts";
import { keyedUri, primaryKey, uriTag } from "../../http-cache/key.ts";
import type { CacheMeters, CacheResult } from "../../http-cache/meters.ts";
import { mustRevalidate, reuseOf, staleIfError } from "../../http-cache/reuse.ts";
import { allowsAuthorized, notStoredBecause, staleWindowSeconds } from "../../http-cache/storage.ts";
import { conditionalHeaders, hasValidator, refreshedHeaders } from "../../http-cache/validators.ts";
import { variantKey, varyOf } from "../../http-cache/variants.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { ANSWERED, type RouteStage } from "../../pipeline/stage.ts";
import type { CachedResponse, HttpCacheStore } from "../../stores/http-cache/interface.ts";
import type { AnswerDecision } from "../../upstream/answer-hook.ts";
import type { BackgroundFetch } from "../../upstream/background-fetch.ts";
import type { RequestScan } from "../../safety/request-scan.ts";
import { piiMaskingTransform } from "../../safety/response-masking.ts";
import { answerFromStore } from "./answer-from-store.ts";
import { captureBody } from "./capture.ts";

export interface CacheOptions {
  store: HttpCacheStore;
  meters: CacheMeters;
  coalescer: Coalescer;
  background: BackgroundFetch;
  log: Logger;
  /** The traffic roll-up's hit ratio per route (the operations page). */
  traffic?: { cacheResult(route: CompiledRoute, served: boolean): void };
  now?: () => number;
}

/** The scanner found anything in the request (a crisis, unsafe content, personal data) or could not read it. */
function flagged(scan: RequestScan): boolean {
  const r = scan.result;
  return Boolean(scan.unscannable) || (r !== null && (r.crisis.detected || r.content.violations.length > 0 || r.privacy.pii.length > 0));
}

/** Results answered from what the cache stored. */
const SERVED: ReadonlySet<CacheResult> = new Set(["hit", "stale", "stale_while_revalidate", "stale_if_error", "revalidated", "coalesced"]);

const SAFE = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);
const CONDITIONALS = ["if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range"];
/** Tags the upstream names its answer with (purge by tag). */
const TAG_HEADERS = ["surrogate-key", "cache-tag"];

/** What one request knows about its cache entry. */
interface Lookup {
  key: string;
  uri: string;
  host: string;
  user: string | null;
  policy: CompiledCachePolicy;
  request: Directives;
}

function tagsOf(headers: OutgoingHttpHeaders, lookup: Lookup): string[] {
  const tags = new Set<string>([uriTag(lookup.host, lookup.uri)]);
  for (const name of TAG_HEADERS) {
    const value = headers[name];
    if (value !== undefined) for (const t of String(value).split(/[\s,]+/)) if (t && t.length <= 256) tags.add(`tag:${t}`);
  }
  return [...tags];
}

/** The upstream's headers as a stored answer keeps them (an answer with Set-Cookie is never stored). */
function storedHeaders(headers: OutgoingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.map(String) : String(value);
  return out;
}

export function cache(options: CacheOptions): RouteStage {
  const { store, meters, coalescer, log } = options;
  /** Counts what the cache did with a request: metrics and the live hit ratio. */
  const counted = (route: CompiledRoute, result: CacheResult) => {
    meters.result(route.name, result);
    options.traffic?.cacheResult(route, SERVED.has(result));
  };
  const now = options.now ?? Date.now;
  const refreshing = new Set<string>();
  let storeDownSince = 0;

  const storeFailed = (error: unknown, what: string) => {
    meters.storeFailure();
    if (Date.now() - storeDownSince > 60_000) log.warn({ err: error }, `http cache: ${what} failed; requests go upstream meanwhile`);
    storeDownSince = Date.now();
  };

  const put = (key: string, route: string, entry: CachedResponse, keepMs: number) =>
    store.put(key, entry, { keepMs }).then(
      () => meters.stored(route, entry.body.length),
      (error: unknown) => storeFailed(error, "storing an answer"),
    );

  /** How long the store keeps an answer: fresh, then every window it may still be used in. */
  const keepMsOf = (entry: Pick<CachedResponse, "status" | "headers">, policy: CompiledCachePolicy) => {
    const directives = responseDirectives(entry.headers);
    return (freshnessLifetime(entry.status, directives, entry.headers, policy) + staleWindowSeconds(directives, entry.headers, policy)) * 1000;
  };

  const ageOf = (stored: CachedResponse) => currentAge(stored.headers, stored.requestTime, stored.responseTime, now());

  /** The stored answer refreshed by a 304 (validation in the foreground or the background). */
  const refreshed = (stored: CachedResponse, notModified: OutgoingHttpHeaders, requestTime: number, responseTime: number): CachedResponse => ({
    ...stored,
    headers: refreshedHeaders(stored.headers, notModified),
    requestTime,
    responseTime,
  });

  /** stale-while-revalidate: one background validation per key at a time. */
  const refreshInBackground = (ctx: RouteContext, lookup: Lookup, stored: CachedResponse) => {
    if (refreshing.has(lookup.key)) return;
    refreshing.add(lookup.key);
    const { route, upstreamPath } = ctx.match;
    const headers: IncomingHttpHeaders = { ...ctx.req.headers };
    for (const name of CONDITIONALS) delete headers[name];
    Object.assign(headers, conditionalHeaders(stored.headers), { "x-request-id": `${ctx.requestId}.refresh` });
    if (route.safety.maskResponsePii) headers["accept-encoding"] = "identity";
    void options
      .background({ route, method: "GET", path: upstreamPath, headers, timeoutMs: route.timeoutMs, maxBodyBytes: lookup.policy.maxObjectBytes, transform: route.safety.maskResponsePii ? piiMaskingTransform("GET") : null })
      .then((answer) => {
        if (!answer) return;
        if (answer.status === 304) return put(lookup.key, route.name, refreshed(stored, answer.headers, answer.requestTime, answer.responseTime), keepMsOf(stored, lookup.policy));
        const entry = storable(ctx, lookup, answer.status, answer.headers, answer.body, answer.requestTime, answer.responseTime);
        if (entry) return put(lookup.key, route.name, entry, keepMsOf(entry, lookup.policy));
      })
      .catch((error: unknown) => log.debug({ err: error, route: route.name }, "http cache: background refresh failed"))
      .finally(() => refreshing.delete(lookup.key));
  };

  /** The entry to store for this answer, or null when it may not be stored (counted by reason). */
  const storable = (ctx: RouteContext, lookup: Lookup, status: number, headers: OutgoingHttpHeaders, body: Buffer | null, requestTime: number, responseTime: number): CachedResponse | null => {
    const kept = storedHeaders(headers);
    const reason = notStoredBecause({ method: "GET", status, request: lookup.request, response: responseDirectives(kept), headers: kept, authorized: ctx.req.headers.authorization !== undefined, policy: lookup.policy });
    if (reason) {
      meters.notStored(ctx.match.route.name, reason);
      return null;
    }
    if (!body) return null;
    return {
      variant: variantKey(varyOf(kept).names, ctx.req.headers),
      status,
      headers: kept,
      body,
      requestTime,
      responseTime,
      route: ctx.match.route.name,
      userId: lookup.user || null,
      tags: tagsOf(headers, lookup),
      url: lookup.uri,
    };
  };

  /** Unsafe methods: a success invalidates the URI, and Location / Content-Location on this host. */
  const invalidating = (ctx: RouteContext) => {
    const host = String(ctx.req.headers.host ?? "");
    const url = ctx.req.url ?? "/"; // as the client sent it (the upstream stage rewrites it)
    ctx.upstreamAnswer = (status, headers): AnswerDecision => {
      if (status < 400) {
        const uris = [url];
        for (const name of ["location", "content-location"]) {
          const value = headers[name];
          if (typeof value !== "string") continue;
          try {
            const target = new URL(value, `http://${host}${url}`);
            if (target.host === host) uris.push(target.pathname);
          } catch {
            // not a URI: nothing to invalidate
          }
        }
        for (const tag of new Set(uris.map((uri) => uriTag(host, uri)))) void store.purgeTag(tag).catch((error: unknown) => storeFailed(error, "invalidating a URI"));
      }
      return { kind: "relay", capture: null };
    };
  };

  return async function cache(ctx, next) {
    const policy = ctx.match.route.cache!; // the stage is only in the chain of routes with a cache policy (order.ts)
    const route = ctx.match.route.name;
    const method = ctx.req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      if (!SAFE.has(method)) invalidating(ctx);
      return next();
    }
    const bypass = (detail: string) => {
      counted(ctx.match.route, "bypass");
      ctx.answerHeaders = { ...ctx.answerHeaders, "cache-status": cacheStatus({ fwd: "bypass", detail }) };
      return next();
    };
    if (ctx.priority === "crisis") return bypass("crisis"); // never cached nor coalesced
    if (ctx.safetyScan && flagged(await ctx.safetyScan)) return bypass("flagged"); // a scanning route's query the scanner flagged
    if (ctx.req.headers.range !== undefined) return bypass("range");

    const host = String(ctx.req.headers.host ?? "");
    const uri = keyedUri(ctx.req.url ?? "/", policy);
    const user = policy.perUser ? (ctx.auth?.userId ?? "") : null;
    const lookup: Lookup = { key: primaryKey({ route, host, uri, headers: ctx.req.headers, user, policy }), uri, host, user, policy, request: requestDirectives(ctx.req.headers) };
    const authorized = ctx.req.headers.authorization !== undefined;

    let variants: CachedResponse[];
    try {
      variants = await store.get(lookup.key);
    } catch (error) {
      storeFailed(error, "reading");
      return bypass("store-unavailable");
    }
    const match = variants.find((v) => v.variant === variantKey(varyOf(v.headers).names, ctx.req.headers)) ?? null;
    const usable = match && !(authorized && !allowsAuthorized(responseDirectives(match.headers))) ? match : null;
    if (usable) {
      const response = responseDirectives(usable.headers);
      const reuse = reuseOf(usable, response, lookup.request, policy, now());
      if (reuse.kind !== "validate") {
        const kind = reuse.kind === "fresh" ? "hit" : reuse.kind === "stale" ? "stale" : "stale_while_revalidate";
        counted(ctx.match.route, kind);
        meters.served(route, answerFromStore(ctx, usable, reuse.age, { hit: true, ttl: reuse.ttl }));
        if (reuse.kind === "stale-while-revalidate") refreshInBackground(ctx, lookup, usable);
        return ANSWERED;
      }
      if (lookup.request.has("only-if-cached")) return onlyIfCached(ctx);
      return forward(ctx, next, lookup, usable, reuse.why === "stale" ? "stale" : "request");
    }
    if (lookup.request.has("only-if-cached")) return onlyIfCached(ctx);
    const fwd = match ? "miss" : variants.length > 0 ? "vary-miss" : "uri-miss";
    if (policy.coalesceWaitMs <= 0 || lookup.request.has("no-cache")) return forward(ctx, next, lookup, null, fwd);
    const joined = coalescer.join(lookup.key, policy.coalesceWaitMs);
    if (!joined) return forward(ctx, next, lookup, null, fwd);
    if (joined.leader) return forward(ctx, next, lookup, null, fwd, joined.done);
    const fetched = await joined.result;
    if (fetched && fetched.variant === variantKey(varyOf(fetched.headers).names, ctx.req.headers) && !(authorized && !allowsAuthorized(responseDirectives(fetched.headers)))) {
      const reuse = reuseOf(fetched, responseDirectives(fetched.headers), lookup.request, policy, now());
      if (reuse.kind === "fresh") {
        counted(ctx.match.route, "coalesced");
        meters.served(route, answerFromStore(ctx, fetched, reuse.age, { hit: true, ttl: reuse.ttl, collapsed: true }));
        return ANSWERED;
      }
    }
    return forward(ctx, next, lookup, null, fwd);
  };

  function onlyIfCached(ctx: RouteContext): Promise<void> {
    counted(ctx.match.route, "only_if_cached");
    sendError(ctx, "GW_CACHE_NOT_STORED", { headers: { "cache-status": cacheStatus({ fwd: "miss", detail: "only-if-cached" }) } });
    return ANSWERED;
  }

  /**
   * Upstream, with `stored` validated when there is one; the answer is stored as it streams when it
   * may be. `done` (a coalescing leader) gets what was stored, or null.
   */
  async function forward(ctx: RouteContext, next: () => Promise<void>, lookup: Lookup, stored: CachedResponse | null, fwd: CacheStatus["fwd"], done?: (entry: CachedResponse | null) => void): Promise<void> {
    const route = ctx.match.route.name;
    const clientConditionals: IncomingHttpHeaders = {};
    const validating = stored !== null && hasValidator(stored.headers);
    if (validating) {
      // Our validators, not the client's: a 304 then refreshes the stored answer, and the client's
      // own conditions are answered from it (answer-from-store).
      for (const name of CONDITIONALS) {
        if (ctx.req.headers[name] !== undefined) clientConditionals[name] = ctx.req.headers[name];
        delete ctx.req.headers[name];
      }
      Object.assign(ctx.req.headers, conditionalHeaders(stored.headers));
    }
    const requestTime = now();
    let settled = false;
    const finish = (entry: CachedResponse | null) => {
      if (settled) return;
      settled = true;
      done?.(entry);
    };
    const restoreConditionals = () => {
      for (const name of CONDITIONALS) delete ctx.req.headers[name];
      Object.assign(ctx.req.headers, clientConditionals);
    };
    ctx.upstreamAnswer = (status, headers): AnswerDecision => {
      const responseTime = now();
      if (stored && status === 304 && validating) {
        restoreConditionals();
        const entry = refreshed(stored, headers, requestTime, responseTime);
        void put(lookup.key, route, entry, keepMsOf(entry, lookup.policy));
        counted(ctx.match.route, "revalidated");
        meters.served(route, answerFromStore(ctx, entry, 0, { fwd: "stale", fwdStatus: 304, stored: true }));
        finish(entry);
        return { kind: "answered" };
      }
      if (stored && status >= 500 && staleIfError(stored, responseDirectives(stored.headers), lookup.request, lookup.policy, responseTime)) {
        restoreConditionals();
        counted(ctx.match.route, "stale_if_error");
        meters.served(route, answerFromStore(ctx, stored, ageOf(stored), { fwd: "stale", fwdStatus: status, detail: "stale-if-error" }));
        finish(null);
        return { kind: "answered" };
      }
      const status9211: CacheStatus = { fwd, fwdStatus: status };
      let capture = null;
      if (ctx.req.method === "GET") {
        const tooBig = Number(headers["content-length"] ?? 0) > lookup.policy.maxObjectBytes;
        const candidate = tooBig ? null : storable(ctx, lookup, status, headers, Buffer.alloc(0), requestTime, responseTime);
        if (tooBig) meters.notStored(route, "too-big");
        if (candidate) {
          status9211.stored = true;
          capture = captureBody(lookup.policy.maxObjectBytes, (body) => {
            if (!body) {
              meters.notStored(route, "too-big-or-cut");
              return finish(null);
            }
            const entry = { ...candidate, body };
            void put(lookup.key, route, entry, keepMsOf(entry, lookup.policy));
            finish(entry);
          });
        }
      }
      counted(ctx.match.route, "miss");
      headers["cache-status"] = appendCacheStatus(headers["cache-status"] as string | undefined, cacheStatus(status9211));
      if (!capture) finish(null);
      return { kind: "relay", capture };
    };
    ctx.upstreamFailed = () => {
      if (!stored || ctx.res.headersSent) return false;
      const response = responseDirectives(stored.headers);
      if (mustRevalidate(response)) {
        // RFC 9111 §4.2.4, §5.2.2.2: never served stale; an unreachable upstream is a 504.
        sendError(ctx, "GW_CACHE_CANNOT_REVALIDATE", { headers: { "cache-status": cacheStatus({ fwd: "stale", detail: "must-revalidate" }) } });
        return true;
      }
      if (!staleIfError(stored, response, lookup.request, lookup.policy, now())) return false;
      restoreConditionals();
      counted(ctx.match.route, "stale_if_error");
      meters.served(route, answerFromStore(ctx, stored, ageOf(stored), { fwd: "stale", detail: "stale-if-error" }));
      return true;
    };
    try {
      await next();
    } finally {
      finish(null); // no answer came (the upstream failed, the client left): the waiters go on their own
    }
  }
}
