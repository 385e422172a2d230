// Rate limits a request by its route's policy: the IP block list first (403 GW_IP_BLOCKED), then
// the exemptions (allow-listed IPs, crisis requests when the policy allows the bypass), then one
// store decision for `ratelimit:{subject}:{route}`. The subject follows the policy's scope: the
// user (token sub; the client IP when anonymous), the client IP, or the whole endpoint. Therapeutic
// requests (the service's priority, or a therapeutic session in the token) get the policy's
// multiplier; adaptive policies shrink with the upstream's recent latency and errors. 429
// GW_RATE_LIMITED with Retry-After; RateLimit headers on every decided answer. When the store is
// unreachable: failMode open passes, closed answers 503 GW_RATE_LIMIT_UNAVAILABLE. A request about
// to be refused on a scanning route is scanned first (options.crisis): a crisis passes when the
// policy allows crisis bypass, and is escalated anyway when it does not (issue 5).
import type { CompiledRateLimit } from "../../config/compile-edge.ts";
import { clientIp } from "../../net/client-ip.ts";
import type { IpSet } from "../../net/ip-set.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import type { Next, RouteStage } from "../../pipeline/stage.ts";
import type { ErrorCode } from "@tta/domain";
import type { CrisisGate } from "../../safety/crisis-gate.ts";
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

function subject(policy: CompiledRateLimit, ctx: RouteContext, ip: string): string {
  if (policy.scope === "endpoint") return "all";
  if (policy.scope === "user" && ctx.auth) return `user:${encodeURIComponent(ctx.auth.userId)}`;
  return `ip:${encodeURIComponent(ip || "unknown")}`;
}

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

  /** Only for a request about to be refused: a crisis passes when the policy allows it. */
  async function crisisExempt(ctx: RouteContext, policy: CompiledRateLimit, code: ErrorCode): Promise<boolean> {
    if (!options.crisis || !(await options.crisis.isCrisis(ctx))) return false;
    if (policy.crisisBypass) return true;
    options.crisis.refused(ctx, code);
    return false;
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

    const therapeutic = priority !== "standard" || ctx.auth?.sessionId != null;
    let factor = therapeutic ? policy.therapeuticMultiplier : 1;
    if (policy.adaptive) factor *= adaptive.factor(policy.name, route.service.name, policy.adaptive);
    const limit = Math.max(1, Math.floor(policy.limit * factor));
    const burst = Math.floor(policy.burst * factor);
    const result = await limiter.take({ key: `ratelimit:${subject(policy, ctx, ip)}:${route.name}`, limit, windowMs: policy.windowMs, burst }, policy.failMode);
    if (result.kind === "unavailable") {
      if (policy.failMode === "open") return measured(ctx, next);
      if (await crisisExempt(ctx, policy, "GW_RATE_LIMIT_UNAVAILABLE")) return measured(ctx, next);
      sendError(ctx, "GW_RATE_LIMIT_UNAVAILABLE", { headers: { "retry-after": "1" } });
      return;
    }
    const { decision } = result;
    setRateLimitHeaders(ctx.res, policy.name, limit, policy.windowMs, decision);
    if (!decision.allowed) {
      if (await crisisExempt(ctx, policy, "GW_RATE_LIMITED")) return measured(ctx, next);
      sendError(ctx, "GW_RATE_LIMITED", { headers: { "retry-after": retryAfterSeconds(decision) } });
      return;
    }
    return measured(ctx, next);
  };
}
