// The Origin of a browser's WebSocket upgrade (cross-site WebSocket hijacking): allowed by the
// route's CORS origins, or only the gateway's own origin when the route has no CORS settings.
// Clients that send no Origin are not browsers and pass. In upgrade chains only.
import { sendError } from "../../pipeline/send-error.ts";
import { ANSWERED, type RouteStage } from "../../pipeline/stage.ts";
import type { RouteContext } from "../../pipeline/context.ts";

export function originAllowed(ctx: Pick<RouteContext, "req" | "match">, origin: string): boolean {
  const cors = ctx.match.route.edge.cors;
  if (cors) return cors.origins === null || cors.origins.has(origin);
  try {
    return new URL(origin).host === ctx.req.headers.host;
  } catch {
    return false;
  }
}

export function upgradeOrigin(): RouteStage {
  return function upgradeOrigin(ctx, next) {
    const origin = ctx.req.headers.origin;
    if (!origin || originAllowed(ctx, origin)) return next();
    sendError(ctx, "GW_CORS_DENIED", { message: "This origin may not open a real-time connection on this route." });
    return ANSWERED;
  };
}
