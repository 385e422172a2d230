// The last stage: sends the request to an instance of the matched route's service through the
// per-attempt chain (upstream/attempt/order.ts: retry -> pick -> breaker -> proxy), streaming both
// bodies. It decides what the attempts share: the deadline (the route's timeoutMs), how many
// attempts the method and body allow, and whether the body is read ahead to be sent again.
// Answers 503 (no instance / breakers open), 502 (unreachable, broken answer) or 504 (deadline)
// when no attempt succeeded before the upstream's headers; after them the connection is cut.
import type { OutgoingHttpHeaders } from "node:http";
import { sendError } from "../../pipeline/send-error.ts";
import type { Stage } from "../../pipeline/stage.ts";
import type { Dispatch, UpstreamCall } from "../../upstream/attempt/call.ts";
import { NoInstanceError } from "../../upstream/attempt/no-instance.ts";
import { attemptPlan, MAX_REPLAY_BODY } from "../../upstream/attempt/plan.ts";
import { readBody } from "../../upstream/attempt/read-body.ts";
import type { UpstreamPools } from "../../upstream/pool/upstream-pools.ts";

export interface UpstreamOptions {
  pools: UpstreamPools;
  dispatch: Dispatch;
}

export function upstream(options: UpstreamOptions): Stage {
  const { pools, dispatch } = options;
  return async function upstream(ctx) {
    const match = ctx.match;
    if (!match) throw new Error("the upstream stage runs after route-match, which sets ctx.match");
    const { route } = match;
    const pool = pools.get(route.service.name);
    if (!pool) throw new Error(`no instance pool for service ${route.service.name} (pools follow every revision)`);
    const priority = ctx.priority ?? route.service.priority;
    const plan = attemptPlan(route.retry, priority, ctx.req.method ?? "GET", ctx.req.headers);
    let body: Buffer | null = ctx.body; // already read whole by an earlier stage (JSON validation)
    if (!body && plan.bufferBody) {
      body = await readBody(ctx.req, MAX_REPLAY_BODY);
      if (!body) return; // the client went away while sending it
    }
    if (plan.maxAttempts > 1) {
      // httpxy adds listeners per attempt; they go with the request.
      ctx.res.setMaxListeners(2 * plan.maxAttempts + 10);
      ctx.req.setMaxListeners(plan.maxAttempts + 10);
    }
    const call: UpstreamCall = {
      route,
      pool,
      path: match.upstreamPath,
      priority,
      deadlineAt: Date.now() + route.timeoutMs,
      maxAttempts: plan.maxAttempts,
      body,
      attempt: 0,
      tried: [],
      instance: null,
      bypass: false,
      permit: null,
    };
    const outcome = await dispatch(ctx, call);
    if (outcome.kind !== "failed") return;
    const { error } = outcome;
    if (error instanceof NoInstanceError) {
      // Not a warning per request: the health changes and breaker transitions behind it were logged once.
      ctx.log.debug({ requestId: ctx.requestId, route: route.name, code: error.code, details: error.details }, "no instance for the request");
      const headers: OutgoingHttpHeaders = { "retry-after": String(error.retryAfterS) };
      sendError(ctx, error.code, { message: error.message, headers, details: error.details });
      return;
    }
    ctx.log.warn(
      { requestId: ctx.requestId, route: route.name, instance: call.instance?.url, attempts: call.attempt, code: error.code, err: error.cause ?? error },
      "upstream attempt failed",
    );
    sendError(ctx, error.code);
  };
}
