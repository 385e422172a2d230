// The last route stage of an aggregation route, in place of upstream: it calls the route's parts in
// parallel, each through the per-attempt chain (pick, breaker, retry: upstream/attempt/order.ts's
// collectChain) with its own deadline (its timeoutMs), and answers with their JSON merged under
// their keys (merge.ts), through the route's PII masking when it has it. A required part that fails
// without a fallback answers 502 GW_AGGREGATE_PART_FAILED naming it; an optional one is left out
// (complete: false). Parts get the client's identity, escalation and correlation headers
// (part-headers.ts); POST/PUT/PATCH parts also its body, read once within the route's limit.
import { setMaxListeners } from "node:events";
import type { OutgoingHttpHeaders } from "node:http";
import { HEADERS, type PathMatch } from "@tta/domain";
import { requestBody } from "../../body/request-body.ts";
import { endEncoded } from "../../compression/answer-compressor.ts";
import type { CompiledAggregate, CompiledAggregatePart } from "../../config/compiled.ts";
import type { AggregateMeters } from "../../metrics/aggregate-meters.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { whenSent, type RouteStage } from "../../pipeline/stage.ts";
import type { CallDispatch } from "../../upstream/attempt/order.ts";
import { attemptPlan } from "../../upstream/attempt/plan.ts";
import type { UpstreamPools } from "../../upstream/pool/upstream-pools.ts";
import { transformWhole } from "../../upstream/response-transform.ts";
import { payloadTooLarge } from "../body-limits/body-limits.ts";
import { merge, type Merged, type PartOutcome } from "./merge.ts";
import { partHeaders, type PartHeaders } from "./part-headers.ts";
import { partResult } from "./part-result.ts";

export interface AggregateOptions {
  pools: UpstreamPools;
  /** The per-attempt chain whose last step reads the answer whole (collectChain). */
  dispatch: CallDispatch;
  meters: AggregateMeters;
  /** GATEWAY_AGGREGATE_MAX_PART_BYTES: a part's answer (decoded) may be this long; longer counts as failed. */
  maxPartBytes: number;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
const NO_CAPTURES: PathMatch = Object.freeze({ params: Object.freeze({}), rest: "" }) as PathMatch;
const NO_HEADERS = Object.freeze({});

/** In the chain of routes of kind "aggregate" (instead of upstream). */
export function aggregate(options: AggregateOptions): RouteStage {
  const { pools, dispatch, meters, maxPartBytes } = options;

  async function callPart(ctx: RouteContext, part: CompiledAggregatePart, headers: PartHeaders, body: Buffer | null, startedAt: number): Promise<PartOutcome | null> {
    const { route, captures } = ctx.match;
    const pool = pools.get(part.service.name);
    if (!pool) throw new Error(`no instance pool for service ${part.service.name} (pools follow every revision)`);
    const sent = body !== null && BODY_METHODS.has(part.method) ? body : null;
    const priority = ctx.priority ?? route.service.priority;
    // The body is in hand: it can be sent again up to the proxy's replay bound.
    const plan = attemptPlan(route.retry, priority, part.method, sent ? { "content-length": String(sent.length) } : NO_HEADERS);
    const outcome = await dispatch(ctx, {
      route,
      pool,
      path: part.path(captures ?? NO_CAPTURES),
      priority,
      deadlineAt: startedAt + part.timeoutMs,
      maxAttempts: plan.maxAttempts,
      body: sent,
      collect: { method: part.method, headers: sent ? headers.withBody : headers.withoutBody, maxBodyBytes: maxPartBytes },
    });
    const result = partResult(outcome, maxPartBytes);
    if (!result) return null;
    meters.part(route.name, part.key, result.ok ? "ok" : part.fallback !== null ? "fallback" : "failed");
    if (!result.ok) ctx.log.debug({ requestId: ctx.requestId, route: route.name, part: part.key, service: part.service.name, reason: result.reason, status: result.status }, "aggregation part failed");
    return { part, result };
  }

  return async function aggregate(ctx) {
    const { route } = ctx.match;
    const spec: CompiledAggregate | null = route.aggregate;
    if (!spec) throw new Error(`route ${route.name} is not an aggregation route (order.ts puts this stage only in theirs)`);
    let body: Buffer | null = null;
    if (spec.sendsBody) {
      const read = await requestBody(ctx).readAll();
      if (read.kind === "gone") return;
      if (read.kind === "too-large") return payloadTooLarge(ctx, route.edge.maxBodyBytes);
      body = read.body.length ? read.body : null;
    }
    const headers = partHeaders(ctx);
    setMaxListeners(spec.parts.length * 2 + 10, ctx.signal); // each running attempt listens for the client's going away
    const startedAt = Date.now();
    const outcomes = await Promise.all(spec.parts.map((part) => callPart(ctx, part, headers, body, startedAt)));
    if (ctx.clientGone() || outcomes.includes(null)) return;
    const merged = merge(outcomes as PartOutcome[]);
    if (merged.kind === "failed") return refuse(ctx, merged);
    return answer(ctx, merged);
  };
}

function refuse(ctx: RouteContext, merged: Extract<Merged, { kind: "failed" }>): void {
  const { part, result, failed } = merged;
  const facts = { part: part.key, service: part.service.name, reason: result.reason, ...(result.status === undefined ? {} : { status: result.status }) };
  ctx.log.warn({ requestId: ctx.requestId, route: ctx.match.route.name, ...facts }, "a required aggregation part failed");
  sendError(ctx, "GW_AGGREGATE_PART_FAILED", { message: `The required part "${part.key}" of this answer could not be fetched from its service.`, details: { ...facts, failed } });
}

async function answer(ctx: RouteContext, merged: Extract<Merged, { kind: "answer" }>): Promise<void> {
  const headers: OutgoingHttpHeaders = { "content-type": "application/json; charset=utf-8", [HEADERS.aggregateComplete]: String(merged.meta.complete) };
  let body: Buffer = Buffer.from(JSON.stringify(merged.body));
  // The route's PII masking (stages/mask-response), the same transform a proxied answer streams through.
  const transforms = ctx.transformResponse?.(200, headers) ?? null;
  if (transforms) {
    try {
      body = await transformWhole(body, transforms);
    } catch (error) {
      ctx.log.warn({ requestId: ctx.requestId, route: ctx.match.route.name, err: error }, "masking the merged answer failed; not sent");
      return sendError(ctx, "GW_UPSTREAM_BAD_RESPONSE");
    }
  }
  const { res } = ctx;
  if (res.headersSent || ctx.clientGone()) return;
  headers["content-length"] = body.length;
  // The route's compression (stages/compress), judged with the length known, as for a cached answer.
  const encoder = ctx.compressAnswer?.(200, headers) ?? null;
  res.writeHead(200, headers);
  if (ctx.req.method === "HEAD" || !encoder) return void res.end(ctx.req.method === "HEAD" ? undefined : body);
  endEncoded(res, encoder, body);
  return whenSent(res);
}
