// Routes with a cache policy: a shared HTTP cache as RFC 9111 describes it (http-cache/). A GET or
// HEAD is answered from a stored variant while it may be (fresh, or stale where max-stale or
// stale-while-revalidate allow, the latter refreshed in the background: refresh.ts); otherwise it
// goes upstream (forward.ts: conditionally when a stored variant has validators, stored as it
// streams, stale-if-error). Requests for a missing answer wait for the fetch already under way.
// Unsafe methods that succeed invalidate what is stored for their URI (invalidate.ts). Requests the
// safety scanner flagged (a crisis, unsafe content, personal data in a query) are never answered
// from the cache, stored or coalesced. Answers 504 GW_CACHE_NOT_STORED to only-if-cached without a
// usable stored answer. Every answer says what the cache did in Cache-Status (RFC 9211).
import type { Logger } from "pino";
import type { CompiledRoute } from "../../config/compiled.ts";
import { requestDirectives, responseDirectives } from "../../http-cache/cache-control.ts";
import { cacheStatus } from "../../http-cache/cache-status.ts";
import type { Coalescer } from "../../http-cache/coalesce.ts";
import { keyedUri, primaryKey } from "../../http-cache/key.ts";
import type { CacheMeters, CacheResult } from "../../http-cache/meters.ts";
import { reuseOf } from "../../http-cache/reuse.ts";
import { allowsAuthorized } from "../../http-cache/storage.ts";
import { variantKey, varyOf } from "../../http-cache/variants.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { ANSWERED, whenSent, type RouteStage } from "../../pipeline/stage.ts";
import type { RequestScan } from "../../safety/request-scan.ts";
import type { CachedResponse, HttpCacheStore } from "../../stores/http-cache/interface.ts";
import type { BackgroundFetch } from "../../upstream/background-fetch.ts";
import { answerFromStore } from "./answer-from-store.ts";
import { CacheWriter, type Lookup } from "./entry.ts";
import { forward, type ForwardDeps } from "./forward.ts";
import { invalidateOnSuccess } from "./invalidate.ts";
import { backgroundRefresher } from "./refresh.ts";

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

/**
 * The stored answer may go to this request: its variant, and to a request with Authorization (RFC
 * 9111 §3.5), or with a Cookie on a shared route, only where the answer allows it explicitly.
 */
function suits(entry: CachedResponse, lookup: Lookup): boolean {
  if (entry.variant !== variantKey(varyOf(entry.headers).names, lookup.headers)) return false;
  const credentials = lookup.headers.authorization !== undefined || (lookup.user === null && lookup.headers.cookie !== undefined);
  return !credentials || allowsAuthorized(responseDirectives(entry.headers));
}

export function cache(options: CacheOptions): RouteStage {
  const { store, meters, coalescer, log } = options;
  const now = options.now ?? Date.now;
  const writer = new CacheWriter(store, meters, log);
  const refresh = backgroundRefresher(options.background, writer, log);
  const counted = (ctx: RouteContext, result: CacheResult, servedBytes?: number) => {
    meters.result(ctx.match.route.name, result);
    if (servedBytes) meters.served(ctx.match.route.name, servedBytes);
    options.traffic?.cacheResult(ctx.match.route, SERVED.has(result));
  };
  const deps: ForwardDeps = { writer, counted, now, notStorable: (key) => coalescer.notStorable(key) };

  /** Straight to the upstream, uncached, saying why. */
  const bypass = (ctx: RouteContext, next: () => Promise<void>, detail: string) => {
    counted(ctx, "bypass");
    ctx.answerHeaders = { ...ctx.answerHeaders, "cache-status": cacheStatus({ fwd: "bypass", detail }) };
    return next();
  };

  const onlyIfCached = (ctx: RouteContext) => {
    counted(ctx, "only_if_cached");
    sendError(ctx, "GW_CACHE_NOT_STORED", { headers: { "cache-status": cacheStatus({ fwd: "miss", detail: "only-if-cached" }) } });
    return ANSWERED;
  };

  return async function cache(ctx, next) {
    const policy = ctx.match.route.cache!; // the stage is only in the chain of routes with a cache policy (order.ts)
    const method = ctx.req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      if (!SAFE.has(method)) invalidateOnSuccess(ctx, writer);
      return next();
    }
    if (ctx.priority === "crisis") return bypass(ctx, next, "crisis"); // never cached nor coalesced
    if (ctx.safetyScan && flagged(await ctx.safetyScan)) return bypass(ctx, next, "flagged");
    if (ctx.req.headers.range !== undefined) return bypass(ctx, next, "range");

    const route = ctx.match.route.name;
    const host = String(ctx.req.headers.host ?? "");
    const uri = keyedUri(ctx.req.url ?? "/", policy);
    const user = policy.perUser ? (ctx.auth?.userId ?? "") : null;
    const { headers } = ctx.req;
    const lookup: Lookup = { key: primaryKey({ route, host, uri, headers, user, policy }), route, uri, host, user, policy, request: requestDirectives(headers), headers };

    let variants: CachedResponse[];
    try {
      variants = await store.get(lookup.key);
    } catch (error) {
      writer.failed(error, "reading");
      return bypass(ctx, next, "store-unavailable");
    }
    const usable = variants.find((v) => suits(v, lookup)) ?? null;
    if (usable) {
      const reuse = reuseOf(usable, responseDirectives(usable.headers), lookup.request, policy, now());
      if (reuse.kind !== "validate") {
        counted(ctx, reuse.kind === "fresh" ? "hit" : reuse.kind === "stale" ? "stale" : "stale_while_revalidate", answerFromStore(ctx, usable, reuse.age, { hit: true, ttl: reuse.ttl }));
        if (reuse.kind === "stale-while-revalidate") refresh(ctx, lookup, usable);
        return whenSent(ctx.res);
      }
      if (lookup.request.has("only-if-cached")) return onlyIfCached(ctx);
      return forward(deps, ctx, next, { lookup, stored: usable, fwd: reuse.why === "request" ? "request" : "stale" });
    }
    if (lookup.request.has("only-if-cached")) return onlyIfCached(ctx);
    const fwd = variants.length > 0 ? "vary-miss" : "uri-miss";
    const joined = policy.coalesceWaitMs > 0 && !lookup.request.has("no-cache") ? coalescer.join(lookup.key, policy.coalesceWaitMs) : null;
    if (!joined) return forward(deps, ctx, next, { lookup, stored: null, fwd });
    if (joined.leader) return forward(deps, ctx, next, { lookup, stored: null, fwd, done: joined.done });
    const fetched = await joined.result;
    if (fetched && suits(fetched, lookup)) {
      const reuse = reuseOf(fetched, responseDirectives(fetched.headers), lookup.request, policy, now());
      if (reuse.kind === "fresh") {
        counted(ctx, "coalesced", answerFromStore(ctx, fetched, reuse.age, { hit: true, ttl: reuse.ttl, collapsed: true }));
        return whenSent(ctx.res);
      }
    }
    return forward(deps, ctx, next, { lookup, stored: null, fwd });
  };
}
