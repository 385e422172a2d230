// Rate limits a request by its route's policy: the IP block list first (403 GW_IP_BLOCKED), then
// the exemptions (allow-listed IPs, crisis requests when the policy allows the bypass), then one
// store decision for `ratelimit:{subject}:{route}`. The subject follows the policy's scope: the
// user (token sub; the client IP when anonymous), the client IP, or the whole endpoint. Therapeutic
// requests (the service's priority, or a therapeutic session in the token) get the policy's
// multiplier; adaptive policies shrink with the upstream's recent latency and errors. 429
// GW_RATE_LIMITED with Retry-After; RateLimit headers on every decided answer. When the store is
// unreachable: failMode open passes, closed answers 503 GW_RATE_LIMIT_UNAVAILABLE. A request about
// to be refused on a scanning route is scanned first (options.crisis): a crisis passes when the
// policy allows crisis bypass (the floor), within the subject's crisis allowance, a second bucket
// `ratelimit:crisis:{user or ip}:{policy}` (the ceiling); past it, or without bypass, it is refused
// and escalated anyway, folded into the subject's open event (issues 5, 10). Every 429 (and 503)
// of a therapeutic route carries the crisis resources.
import type { CompiledRateLimit } from "../../config/compile-edge.ts";
import { clientIp } from "../../net/client-ip.ts";
import type { IpSet } from "../../net/ip-set.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import type { Next, RouteStage } from "../../pipeline/stage.ts";
import { effectiveRateLimit, isTherapeuticRequest, type ErrorCode } from "@tta/domain";
import type { CrisisGate } from "../../safety/crisis-gate.ts";
import { CRISIS_RESOURCES } from "../../safety/crisis-resources.ts";
import type { CompiledRoute } from "../../config/compiled.ts";
import "../../safety/fold-key.ts";
import type { AdaptiveLimits } from "../../limits/adaptive.ts";
import type { GuardedLimiter } from "../../limits/guarded-limiter.ts";
import { retryAfterSeconds, setRateLimitHeaders } from "./headers.ts";

export interface RateLimitOptions {
  limiter: GuardedLimiter;
  adaptive: AdaptiveLimits;
  /** GATEWAY_TRUSTED_PROXIES: whose X-Forwarded-For names the client. */
  trustedProxies: IpSet | null;
  /** Whether the request's body shows a crisis (safety scan, shared with the safety-scan stage). */
  crisis?: CrisisGate;
}

/** Whose crisis allowance a request draws on, whatever the policy's scope: the user, else the client address. */
function crisisSubject(ctx: RouteContext, ip: string): string {
  return ctx.auth ? `user:${encodeURIComponent(ctx.auth.userId)}` : `ip:${encodeURIComponent(ip || "unknown")}`;
}

function subject(policy: CompiledRateLimit, ctx: RouteContext, ip: string, crisis: string): string {
  if (policy.scope === "endpoint") return "all";
  if (policy.scope === "user") return crisis;
  return `ip:${encodeURIComponent(ip || "unknown")}`;
}

/** A route whose service has therapeutic priority or that scans: its refusals say where help is. */
function therapeuticRoute(route: CompiledRoute): boolean {
  return route.service.priority !== "standard" || route.safety.mode !== "off";
}

const HELP = { crisisHelp: "If you are in crisis or thinking about harming yourself, you do not have to wait: these services can help right now.", resources: CRISIS_RESOURCES };

/** In the chain of routes with a rate-limit policy, and of routes whose service feeds an adaptive policy. */
export function rateLimit(options: RateLimitOptions): RouteStage {
  const { limiter, adaptive } = options;

  /** Runs the rest and feeds its outcome to the adaptive signal (a 5xx counts as a failure). */
  async function measured(ctx: RouteContext, next: Next): Promise<void> {
    const started = performance.now();
    await next();
    if (ctx.clientGone()) return;
    adaptive.record(ctx.match.route.service.name, performance.now() - started, ctx.res.statusCode >= 500);
  }

  /**
   * Only for a request about to be refused: a crisis passes when the policy allows it and the
   * subject's crisis allowance is not spent (a store that cannot answer never refuses a crisis).
   */
  async function crisisExempt(ctx: RouteContext, policy: CompiledRateLimit, code: ErrorCode): Promise<boolean> {
    if (!options.crisis || !(await options.crisis.isCrisis(ctx))) return false;
    if (!policy.crisisBypass) {
      options.crisis.refused(ctx, code, "no_bypass");
      return false;
    }
    const key = `ratelimit:crisis:${ctx.crisisSubject}:${policy.name}`;
    const allowance = await limiter.take({ key, limit: policy.crisis.limit, windowMs: policy.crisis.windowMs, burst: 0 }, "open");
    if (allowance.kind === "unavailable" || allowance.decision.allowed) return true;
    options.crisis.refused(ctx, code, "allowance_spent");
    return false;
  }

  function refuse(ctx: RouteContext, code: "GW_RATE_LIMITED" | "GW_RATE_LIMIT_UNAVAILABLE", retryAfter: string): void {
    sendError(ctx, code, { headers: { "retry-after": retryAfter }, details: therapeuticRoute(ctx.match.route) ? HELP : undefined });
  }

  return async function rateLimit(ctx, next) {
    const { route } = ctx.match;
    const policy = route.edge.rateLimit;
    if (!policy) return measured(ctx, next);
    const ip = clientIp(ctx.req, options.trustedProxies);
    if (policy.block.has(ip)) {
      sendError(ctx, "GW_IP_BLOCKED");
      return;
    }
    const priority = ctx.priority ?? route.service.priority;
    if (policy.allow.has(ip) || (priority === "crisis" && policy.crisisBypass)) return measured(ctx, next);

    const therapeutic = isTherapeuticRequest(priority, ctx.auth?.sessionId != null);
    const adaptiveFactor = policy.adaptive ? adaptive.factor(policy.name, route.service.name, policy.adaptive) : 1;
    // The console's policy and route pages show the same numbers (effectiveRateLimit in @tta/domain).
    const { limit, burst } = effectiveRateLimit(policy, { therapeutic, adaptiveFactor });
    const crisis = (ctx.crisisSubject = crisisSubject(ctx, ip));
    const result = await limiter.take({ key: `ratelimit:${subject(policy, ctx, ip, crisis)}:${route.name}`, limit, windowMs: policy.windowMs, burst }, policy.failMode);
    if (result.kind === "unavailable") {
      if (policy.failMode === "open") return measured(ctx, next);
      if (await crisisExempt(ctx, policy, "GW_RATE_LIMIT_UNAVAILABLE")) return measured(ctx, next);
      refuse(ctx, "GW_RATE_LIMIT_UNAVAILABLE", "1");
      return;
    }
    const { decision } = result;
    setRateLimitHeaders(ctx, policy.name, limit, policy.windowMs, decision);
    if (!decision.allowed) {
      ctx.overLimit = true; // a crisis event of this request folds into the subject's open one
      if (await crisisExempt(ctx, policy, "GW_RATE_LIMITED")) return measured(ctx, next);
      refuse(ctx, "GW_RATE_LIMITED", retryAfterSeconds(decision));
      return;
    }
    return measured(ctx, next);
  };
}
