// Finds the route of the request in the config taken at its start, and works out the upstream
// path. Answers 503 (no config yet), 400 (bad path), 404 (no route) or 405 (method, with Allow;
// TRACE and TRACK always). Method-override headers pass only when they name a method the route takes.
import { requestHost } from "../../config/host-rule.ts";
import { findRoute } from "../../config/route-table.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { stripMethodOverrides } from "../../http/method-override.ts";
import { ANSWERED, type Stage } from "../../pipeline/stage.ts";
import { normalizePath } from "./normalize-path.ts";

export interface RouteMatchOptions {
  /** Runs the matched route's own chain (pipeline/route-chains.ts). */
  runRoute(ctx: RouteContext): Promise<void>;
}

/** The last edge stage: it hands the request to its route's chain instead of calling next. */
export function routeMatch(options: RouteMatchOptions): Stage {
  const { runRoute } = options;
  return function routeMatch(ctx) {
    const { config, req } = ctx;
    if (!config) {
      sendError(ctx, "GW_NOT_READY", { headers: { "retry-after": "1" } });
      return ANSWERED;
    }
    const normalized = normalizePath(req.url ?? "/");
    if (!normalized.ok) {
      sendError(ctx, "GW_BAD_REQUEST", { message: normalized.reason });
      return ANSWERED;
    }
    const found = findRoute(config, req.method ?? "GET", requestHost(req.headers.host), normalized.path);
    if (found.kind === "not-found") {
      sendError(ctx, "GW_ROUTE_NOT_FOUND");
      return ANSWERED;
    }
    if (found.kind === "method-not-allowed") {
      sendError(ctx, "GW_METHOD_NOT_ALLOWED", { headers: { allow: found.allow.join(", ") } });
      return ANSWERED;
    }
    const { route, match } = found;
    stripMethodOverrides(req.headers, route.methods);
    const path = route.rewrite ? route.rewrite(match) : normalized.path;
    ctx.match = { route, upstreamPath: path + normalized.query, captures: match };
    return runRoute(ctx as RouteContext); // config and match are set (and the trace, by an earlier edge stage): what makes a RouteContext
  };
}
