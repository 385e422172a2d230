// The gateway's own headers on every answer, its own and the upstream's: the security headers of
// the matched route's plan (defaults plus its overrides), the correlation id (x-request-id) and
// the config revision that routed it; the stack-revealing ones (Server, X-Powered-By…) come off.
// It hooks res.writeHead once per request, so the route's plan applies even though the route is
// only known later, and the upstream's own values for these headers do not win over the plan.
// Headers the gateway owns outright (CORS, RateLimit) also beat the upstream's; Vary is merged.
// An answer that says nothing about caching gets Cache-Control: no-store, unless its route caches.
// HSTS goes only on answers to requests that came over TLS (ctx.secure); the upstream's own HSTS
// never passes when the plan owns the header, over plain HTTP neither.
//
// Hot path: the headers go into the one object handed to node's writeHead instead of through
// res.setHeader one by one; when no stage called setHeader before (a route without CORS or rate
// limits), node then writes them without building its header map at all.
import { ServerResponse, type OutgoingHttpHeader, type OutgoingHttpHeaders } from "node:http";
import { HEADERS } from "@tta/domain";
import type { Context } from "../../pipeline/context.ts";
import type { Stage } from "../../pipeline/stage.ts";
import { DEFAULT_PLAN, FALLBACK_CACHE_CONTROL } from "../../http/header-plan.ts";

const GATEWAY_OWNED = /^(access-control-|ratelimit)/;

function mergeVary(ours: OutgoingHttpHeader | undefined, theirs: OutgoingHttpHeader | undefined): string {
  const values = new Set<string>();
  for (const v of [ours, theirs]) for (const part of String(v ?? "").split(",")) if (part.trim()) values.add(part.trim());
  return [...values].join(", ");
}

/**
 * The headers node's writeHead gets: `passed` (the caller's object, edited in place) with the plan
 * and the context's answer headers applied, in one pass over `passed`. `res.hasHeader` says what a
 * stage set through setHeader (CORS).
 */
export function planned(ctx: Context, res: ServerResponse, passed: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const plan = ctx.match?.route.edge.headers ?? DEFAULT_PLAN;
  const ours = ctx.answerHeaders;
  const { owned } = plan;
  let cacheControl = false;
  for (const key in passed) {
    const lower = key.toLowerCase();
    if (owned.has(lower)) delete passed[key];
    else if (lower === "cache-control") cacheControl = true;
    else if (lower === "vary") {
      if (res.hasHeader("vary")) {
        res.setHeader("vary", mergeVary(res.getHeader("vary"), passed[key]));
        delete passed[key];
      }
    } else if (GATEWAY_OWNED.test(lower) && (ours?.[lower] !== undefined || res.hasHeader(lower))) delete passed[key];
  }
  for (const [name, value] of ctx.secure ? plan.set : plan.plainSet) passed[name] = value;
  if (ours) for (const name in ours) passed[name] = ours[name];
  if (plan.setsCacheControl) cacheControl = true;
  if (!cacheControl && !res.hasHeader("cache-control")) passed["cache-control"] = FALLBACK_CACHE_CONTROL;
  if (ctx.requestId) passed[HEADERS.requestId] = ctx.requestId;
  if (ctx.config) passed[HEADERS.configRevision] = String(ctx.config.revision);
  return passed;
}

type WriteHead = (this: ServerResponse, statusCode: number, ...rest: unknown[]) => ServerResponse;

/** writeHead(status, [reason], [headers]) through the plan, then `writeHead` (node's, or a test double's). */
function writeThrough(ctx: Context, res: ServerResponse, writeHead: WriteHead, statusCode: number, reason?: unknown, headers?: unknown): ServerResponse {
  if (Array.isArray(headers) || Array.isArray(reason)) {
    // Raw header arrays (nothing in the gateway passes one): the plan goes in through setHeader.
    for (const [name, value] of Object.entries(planned(ctx, res, {}))) res.setHeader(name, value as OutgoingHttpHeader);
    return writeHead.call(res, statusCode, reason, headers);
  }
  if (typeof reason === "object" && reason !== null) return writeHead.call(res, statusCode, planned(ctx, res, reason as OutgoingHttpHeaders));
  const out = planned(ctx, res, (headers as OutgoingHttpHeaders | undefined) ?? {});
  return typeof reason === "string" ? writeHead.call(res, statusCode, reason, out) : writeHead.call(res, statusCode, out);
}

const CONTEXT = Symbol("tta.securityHeaders.context");
type Hooked = ServerResponse & { [CONTEXT]: Context };
const nodeWriteHead = ServerResponse.prototype.writeHead as unknown as WriteHead;

// One function for every response (no closure per request); the request's context rides on it.
function writeHeadWithPlan(this: Hooked, statusCode: number, reason?: unknown, headers?: unknown): ServerResponse {
  return writeThrough(this[CONTEXT], this, nodeWriteHead, statusCode, reason, headers);
}

export function securityHeaders(): Stage {
  return function securityHeaders(ctx, next) {
    const res = ctx.res as Hooked;
    if (res.writeHead === ServerResponse.prototype.writeHead) {
      res[CONTEXT] = ctx;
      res.writeHead = writeHeadWithPlan as unknown as Hooked["writeHead"];
    } else {
      const writeHead = res.writeHead as unknown as WriteHead; // an HTTP/2 response (server/http2-compat.ts), or a double in unit tests
      res.writeHead = function (this: ServerResponse, statusCode: number, reason?: unknown, headers?: unknown) {
        return writeThrough(ctx, this, writeHead, statusCode, reason, headers);
      } as unknown as Hooked["writeHead"];
    }
    return next();
  };
}
