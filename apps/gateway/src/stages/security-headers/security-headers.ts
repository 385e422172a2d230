// Puts the security headers on every answer, the gateway's own and the upstream's, and takes the
// stack-revealing ones (Server, X-Powered-By…) off. It hooks res.writeHead once per request, so
// the plan of the matched route (defaults plus its overrides) applies even though the route is
// only known later, and the upstream's own values for these headers do not win over the plan.
// Headers the gateway owns outright (CORS, RateLimit) also beat the upstream's; Vary is merged.
// An answer that says nothing about caching gets Cache-Control: no-store, unless its route caches.
import { ServerResponse, type OutgoingHttpHeader, type OutgoingHttpHeaders } from "node:http";
import type { Context } from "../../pipeline/context.ts";
import type { Stage } from "../../pipeline/stage.ts";
import { DEFAULT_PLAN } from "../../http/header-plan.ts";

const GATEWAY_OWNED = /^(access-control-|ratelimit)/;

function mergeVary(ours: OutgoingHttpHeader | undefined, theirs: OutgoingHttpHeader | undefined): string {
  const values = new Set<string>();
  for (const v of [ours, theirs]) for (const part of String(v ?? "").split(",")) if (part.trim()) values.add(part.trim());
  return [...values].join(", ");
}

/** Applies the plan to the headers passed to writeHead (an object; raw arrays are left as they are). */
function apply(ctx: Context, res: ServerResponse, passed: OutgoingHttpHeaders | undefined): void {
  const plan = ctx.match?.route.edge.headers ?? DEFAULT_PLAN;
  let cacheControl = res.hasHeader("cache-control");
  if (passed) {
    for (const key of Object.keys(passed)) {
      const lower = key.toLowerCase();
      if (lower === "cache-control") cacheControl = true;
      if (plan.owned.has(lower)) delete passed[key];
      else if (lower === "vary") {
        if (res.hasHeader("vary")) {
          res.setHeader("vary", mergeVary(res.getHeader("vary"), passed[key]));
          delete passed[key];
        }
      } else if (GATEWAY_OWNED.test(lower) && res.hasHeader(lower)) delete passed[key];
    }
  }
  for (const [name, value] of plan.set) res.setHeader(name, value);
  if (!cacheControl && plan.fallbackCacheControl && !res.hasHeader("cache-control")) res.setHeader("cache-control", plan.fallbackCacheControl);
}

const CONTEXT = Symbol("tta.securityHeaders.context");
type Hooked = ServerResponse & { [CONTEXT]: Context };
const nodeWriteHead = ServerResponse.prototype.writeHead as (...args: unknown[]) => ServerResponse;

// One function for every response (no closure per request); the request's context rides on it.
function writeHeadWithPlan(this: Hooked, statusCode: number, reason?: unknown, headers?: unknown): ServerResponse {
  const passed = headers ?? (typeof reason === "object" ? reason : undefined);
  apply(this[CONTEXT], this, passed && !Array.isArray(passed) ? (passed as OutgoingHttpHeaders) : undefined);
  return nodeWriteHead.call(this, statusCode, reason, headers);
}

export function securityHeaders(): Stage {
  return async function securityHeaders(ctx, next) {
    const res = ctx.res as Hooked;
    if (res.writeHead === ServerResponse.prototype.writeHead) {
      res[CONTEXT] = ctx;
      res.writeHead = writeHeadWithPlan as unknown as Hooked["writeHead"];
    } else {
      // A response double (unit tests) or one already hooked: wrap what is there.
      const writeHead = res.writeHead as (...args: unknown[]) => ServerResponse;
      res.writeHead = function (this: ServerResponse, statusCode: number, reason?: unknown, headers?: unknown) {
        const passed = headers ?? (typeof reason === "object" ? reason : undefined);
        apply(ctx, this, passed && !Array.isArray(passed) ? (passed as OutgoingHttpHeaders) : undefined);
        return writeHead.call(this, statusCode, reason, headers);
      } as unknown as Hooked["writeHead"];
    }
    await next();
  };
}
