// The answers of the safety-scan stage: the 202 acknowledgement of a crisis (the gateway answers in
// place of the upstream, with crisis resources), and the escalation headers a forwarded crisis
// carries. 422 and 451 are ordinary error answers (sendError) with their guidance in details.
import type { IncomingHttpHeaders } from "node:http";
import { ERROR_CODES, ESCALATION_HEADERS } from "@tta/domain";
import type { TherapeuticEventDraft } from "@tta/db";
import type { Context } from "../../pipeline/context.ts";
import { CRISIS_RESOURCES, type CrisisResource } from "../../safety/crisis-resources.ts";

/** The 202 body: not an error, so not under `error`; the code and correlation id all the same. */
export interface CrisisAcknowledgement {
  code: "GW_CRISIS_ESCALATED";
  message: string;
  resources: readonly CrisisResource[];
  correlationId: string;
  traceId?: string;
  eventId: string;
}

export function acknowledgeCrisis(ctx: Context, eventId: string): void {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  const answer: CrisisAcknowledgement = {
    code: "GW_CRISIS_ESCALATED",
    message: ERROR_CODES.GW_CRISIS_ESCALATED.message,
    resources: CRISIS_RESOURCES,
    correlationId: ctx.requestId,
    ...(ctx.trace ? { traceId: ctx.trace.traceId } : {}),
    eventId,
  };
  const body = JSON.stringify(answer);
  res.writeHead(ERROR_CODES.GW_CRISIS_ESCALATED.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
}

/** Set after the edge removed every client x-tta-* header (request-headers): an upstream can trust them. */
export function setEscalationHeaders(headers: IncomingHttpHeaders, event: TherapeuticEventDraft): void {
  headers[ESCALATION_HEADERS.eventId] = event.id;
  headers[ESCALATION_HEADERS.severity] = event.severity;
}
