// Verifies the bearer token with the route's auth policy (the edge stage request-headers has
// removed every incoming x-tta-* header by then, on every route) and passes the identity upstream as x-tta-* headers. Public routes take a
// valid token when one comes (the user is known to the upstream and the rate limiter) and ignore
// a bad one; other routes answer 401 GW_AUTH_REQUIRED (no token) or GW_AUTH_INVALID (anything
// wrong with it: the reason goes to the debug log, never to the client), or 503
// GW_AUTH_UNAVAILABLE when the policy's keys cannot be had (logged once per outage).
import type { CompiledAuthPolicy } from "../../auth/compile-auth-policy.ts";
import { bearerToken, upgradeToken } from "../../auth/extract-token.ts";
import { setIdentityHeaders } from "../../auth/identity-headers.ts";
import { verifyToken } from "../../auth/verify-token.ts";
import { sendError } from "../../pipeline/send-error.ts";
import type { RouteStage } from "../../pipeline/stage.ts";
import type { AuthContext } from "../../auth/auth-context.ts";

declare module "../../pipeline/context.ts" {
  interface RouteContext {
    /** Set when a token verified; absent = anonymous. */
    auth?: AuthContext;
  }
}

const CHALLENGE = 'Bearer realm="tta"';
const INVALID_CHALLENGE = 'Bearer realm="tta", error="invalid_token"';

export function authenticate(): RouteStage {
  // Policies (of any revision) whose keys could not be had, so that an outage is logged once.
  const unavailable = new WeakSet<CompiledAuthPolicy>();
  return async function authenticate(ctx, next) {
    const { requirement, policy } = ctx.match.route.edge.auth;
    if (!policy) return next(); // a public route without a policy: nobody is identified
    const required = requirement !== "public";
    const lookup = ctx.upgrade ? upgradeToken(ctx.req.headers) : bearerToken(ctx.req.headers); // a browser's WebSocket cannot send Authorization
    if (lookup.kind !== "token") {
      if (!required) return next();
      if (lookup.kind === "none") sendError(ctx, "GW_AUTH_REQUIRED", { headers: { "www-authenticate": CHALLENGE } });
      else sendError(ctx, "GW_AUTH_INVALID", { headers: { "www-authenticate": INVALID_CHALLENGE } });
      return;
    }
    const result = await verifyToken(lookup.token, policy);
    if (result.kind === "ok") {
      if (unavailable.delete(policy)) ctx.log.info({ policy: policy.name }, "auth policy keys reachable again");
      ctx.auth = result.auth;
      setIdentityHeaders(ctx.req.headers, result.auth);
      return next();
    }
    if (result.kind === "unavailable") {
      if (!unavailable.has(policy)) {
        unavailable.add(policy);
        ctx.log.error({ policy: policy.name, reason: result.reason, err: result.cause }, "auth policy cannot verify tokens; its protected routes answer 503");
      }
      if (!required) return next();
      sendError(ctx, "GW_AUTH_UNAVAILABLE", { headers: { "retry-after": "5" } });
      return;
    }
    ctx.log.debug({ requestId: ctx.requestId, traceId: ctx.trace.traceId, policy: policy.name, reason: result.reason }, "token refused");
    if (!required) return next();
    sendError(ctx, "GW_AUTH_INVALID", { headers: { "www-authenticate": INVALID_CHALLENGE } });
  };
}
