// Which open event a detection folds into. The rate limiter names the request's crisis subject
// (the user; the client address when anonymous) and says when the request was over its limit;
// the event's fold key is then a hash of route, type and subject (the address is never stored).
// Detections over the limit join the subject's unresolved event of that key (packages/db record).
import { createHash } from "node:crypto";
import type { RouteContext } from "../pipeline/context.ts";

declare module "../pipeline/context.ts" {
  interface RouteContext {
    /** Set by the rate limiter of a route with a policy: "user:…" or "ip:…", whose crisis allowance this is. */
    crisisSubject?: string;
    /** Set by the rate limiter on a request over its limit: its event folds into the subject's open one. */
    overLimit?: boolean;
  }
}

/** The key events of one route, type and subject fold under (HTTP: the rate limiter's subject; WebSocket: the session). */
export function foldKeyOf(route: string, type: string, subject: string): string {
  return createHash("sha256").update(`${route}\n${type}\n${subject}`).digest("base64url").slice(0, 32);
}

/** null on routes without a rate limit: their events never fold. */
export function foldKey(ctx: RouteContext, type: string): string | null {
  return ctx.crisisSubject ? foldKeyOf(ctx.match.route.name, type, ctx.crisisSubject) : null;
}
