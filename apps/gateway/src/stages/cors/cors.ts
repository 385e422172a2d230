// CORS per route. Preflights (OPTIONS with Origin and Access-Control-Request-Method) are answered
// here, before route-match, by finding the route for the method the browser asks about: 204 with
// the allowed methods and headers, or 403 GW_CORS_DENIED. A route without CORS settings leaves the
// preflight to the normal path. On actual requests from an allowed origin the response gets
// Access-Control-Allow-Origin (and -Credentials, -Expose-Headers); other origins get no CORS
// headers, so the browser keeps the answer from the page.
import { HEADERS } from "@tta/domain";
import type { CompiledCors } from "../../config/compile-edge.ts";
import type { CompiledRoute } from "../../config/compiled.ts";
import { requestHost } from "../../config/host-rule.ts";
import { findRoute } from "../../config/route-table.ts";
import type { Context } from "../../pipeline/context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { ANSWERED, type RouteStage, type Stage } from "../../pipeline/stage.ts";
import { normalizePath } from "../route-match/normalize-path.ts";

/** Request headers a browser sends without asking (the CORS-safelisted ones). */
const SAFELISTED = new Set(["accept", "accept-language", "content-language", "content-type", "range"]);
/** Response headers a page may read besides the CORS-safelisted ones. */
const EXPOSED = [HEADERS.requestId, "retry-after", "ratelimit", "ratelimit-policy", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"].join(", ");
const ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

function originAllowed(cors: CompiledCors, origin: string): boolean {
  return cors.origins === null || cors.origins.has(origin);
}

function allowOrigin(ctx: Context, cors: CompiledCors, origin: string): void {
  const { res } = ctx;
  // "*" cannot carry credentials; with credentials the origin is echoed (the schema refuses "*" then).
  res.setHeader("access-control-allow-origin", cors.origins === null && !cors.credentials ? "*" : origin);
  if (cors.credentials) res.setHeader("access-control-allow-credentials", "true");
  if (cors.origins !== null) res.setHeader("vary", "Origin");
}

function methodsOf(cors: CompiledCors, route: CompiledRoute): string[] {
  return cors.methods ? [...cors.methods] : route.methods ? ALL_METHODS.filter((m) => route.methods!.has(m)) : ALL_METHODS;
}

export function corsPreflight(): Stage {
  return function corsPreflight(ctx, next) {
    const { req, config } = ctx;
    const origin = req.headers.origin;
    const method = req.headers["access-control-request-method"];
    if (req.method !== "OPTIONS" || !origin || !method || !config) return next();
    const normalized = normalizePath(req.url ?? "/");
    if (!normalized.ok) return next();
    const found = findRoute(config, method.toUpperCase(), requestHost(req.headers.host), normalized.path);
    const cors = found.kind === "found" ? found.route.edge.cors : null;
    if (found.kind !== "found" || !cors) return next();
    const methods = methodsOf(cors, found.route);
    const asked = (req.headers["access-control-request-headers"] ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    const refused = !originAllowed(cors, origin)
      ? "This origin may not call this route from a browser."
      : !methods.includes(method.toUpperCase())
        ? `This route accepts ${methods.join(", ")} from a browser.`
        : asked.find((h) => !SAFELISTED.has(h) && !cors.headers.includes(h))
          ? "A requested header is not allowed on this route."
          : null;
    if (refused) {
      sendError(ctx, "GW_CORS_DENIED", { message: refused, headers: { vary: "Origin" } });
      return ANSWERED;
    }
    allowOrigin(ctx, cors, origin);
    ctx.res.writeHead(204, {
      "access-control-allow-methods": methods.join(", "),
      ...(asked.length ? { "access-control-allow-headers": asked.join(", ") } : {}),
      "access-control-max-age": String(cors.maxAge),
      vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
      "content-length": "0",
    });
    ctx.res.end();
    return ANSWERED;
  };
}

/** Route stage, in the chain of routes with CORS settings. */
export function cors(): RouteStage {
  return async function cors(ctx, next) {
    const settings = ctx.match.route.edge.cors;
    const origin = ctx.req.headers.origin;
    if (settings && origin && originAllowed(settings, origin)) {
      allowOrigin(ctx, settings, origin);
      ctx.res.setHeader("access-control-expose-headers", EXPOSED);
    } else if (settings && settings.origins !== null) ctx.res.setHeader("vary", "Origin");
    await next();
  };
}
