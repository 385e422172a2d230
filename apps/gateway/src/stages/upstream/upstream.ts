// The last route stage: sends the request to an instance of the matched route's service through
// the per-attempt chain (upstream/attempt/order.ts: retry -> pick -> breaker -> proxy), streaming
// both bodies. It decides what the attempts share: the deadline (the route's timeoutMs), how many
// attempts the method and body allow, and whether the body is read ahead to be sent again (by the
// body owner, which hands back what an earlier stage read). Answers 503 (no instance / breakers
// open), 502 (unreachable, broken answer) or 504 (deadline) when no attempt succeeded before the
// upstream's headers; after them the connection is cut. In every route's chain.
import type { OutgoingHttpHeaders } from "node:http";
import { HEADERS } from "@tta/domain";
import { requestBody } from "../../body/request-body.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { whenSent, type RouteStage } from "../../pipeline/stage.ts";
import { NoInstanceError } from "../../upstream/attempt/no-instance.ts";
import type { CallDispatch } from "../../upstream/attempt/order.ts";
import { attemptPlan } from "../../upstream/attempt/plan.ts";
import "../../upstream/answer-hook.ts";
import type { UpstreamPools } from "../../upstream/pool/upstream-pools.ts";

export interface UpstreamOptions {
  pools: UpstreamPools;
  dispatch: CallDispatch;
}

export function upstream(options: UpstreamOptions): RouteStage {
  const { pools, dispatch } = options;
  return async function upstream(ctx) {
    const { route, upstreamPath } = ctx.match;
    const pool = pools.get(route.service.name);
    if (!pool) throw new Error(`no instance pool for service ${route.service.name} (pools follow every revision)`);
    // The gateway's request headers, once for every attempt: they go in with the client's (hop-by-hop
    // and forwarding ones were settled at the edge), and httpxy copies them into each upstream request.
    const { headers } = ctx.req;
    headers[HEADERS.requestId] = ctx.requestId;
    headers[HEADERS.configRevision] = String(ctx.config.revision);
    headers[HEADERS.route] = route.name;
    const priority = ctx.priority ?? route.service.priority;
    const plan = attemptPlan(route.retry, priority, ctx.req.method ?? "GET", ctx.req.headers);
    let body = ctx.body?.buffered ?? null; // read whole by an earlier stage (JSON validation, safety scan)
    if (!body && plan.bufferBody) {
      const read = await requestBody(ctx).readAll();
      if (read.kind !== "ok") return; // the client went away while sending it (the plan only buffers bodies within the limit)
      body = read.body;
    }
    if (plan.maxAttempts > 1) {
      // httpxy adds listeners per attempt; they go with the request.
      ctx.res.setMaxListeners(2 * plan.maxAttempts + 10);
      ctx.req.setMaxListeners(plan.maxAttempts + 10);
    }
    const outcome = await dispatch(ctx, { route, pool, path: upstreamPath, priority, deadlineAt: Date.now() + route.timeoutMs, maxAttempts: plan.maxAttempts, body });
    if (outcome.kind !== "failed") return;
    if (ctx.upstreamFailed?.()) return whenSent(ctx.res); // answered stale (the cache's stale-if-error), maybe still being compressed
    const { error } = outcome;
    if (error instanceof NoInstanceError) {
      // Not a warning per request: the health changes and breaker transitions behind it were logged once.
      ctx.log.debug({ requestId: ctx.requestId, traceId: ctx.trace.traceId, route: route.name, code: error.code, details: error.details }, "no instance for the request");
      const headers: OutgoingHttpHeaders = { "retry-after": String(error.retryAfterS) };
      sendError(ctx, error.code, { message: error.message, headers, details: error.details });
      return;
    }
    const last = outcome.attempt;
    ctx.log.warn({ requestId: ctx.requestId, traceId: ctx.trace.traceId, route: route.name, instance: last?.instance.url, attempts: last?.number, code: error.code, err: error.cause ?? error }, "upstream attempt failed");
    sendError(ctx, error.code);
  };
}
