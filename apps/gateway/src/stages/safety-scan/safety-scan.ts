// Scans the request body of routes whose safetyScan is monitor or enforce (other routes' bodies
// keep streaming, untouched) and acts on the verdict (safety/verdict.ts):
//   crisis (escalated)  202 GW_CRISIS_ESCALATED with crisis resources (enforce + "acknowledge"), or
//                       forwarded with x-tta-escalation / x-tta-crisis-severity and crisis priority
//   content (blocked)   422 GW_CONTENT_UNSAFE with safety guidance (enforce)
//   privacy (forbidPii) 451 GW_PRIVACY_VIOLATION with compliance information (enforce)
//   unscannable         415 GW_UNSCANNABLE_BODY (enforce: an unknown encoding or charset, a body over
//                       the limit once decoded, binary data) with crisis resources; monitor: forwarded,
//                       the event escalated for review
//   413 GW_PAYLOAD_TOO_LARGE when a chunked body outgrows the route's limit while it is read
// Every outcome but "clean" records one therapeutic event (queued: the answer never waits on
// Postgres) and announces it live; monitor routes record and forward.
import type { TTherapeuticPriority } from "@tta/domain";
import { sendError } from "../../pipeline/send-error.ts";
import type { RouteStage } from "../../pipeline/stage.ts";
import type { EventService } from "../../events/event-service.ts";
import type { SafetyMeters } from "../../metrics/safety-meters.ts";
import { CONTENT_GUIDANCE, CRISIS_RESOURCES, PRIVACY_COMPLIANCE } from "../../safety/crisis-resources.ts";
import { eventDraft } from "../../safety/event-draft.ts";
import type { RequestScanner } from "../../safety/request-scan.ts";
import { judgeRequest } from "../../safety/verdict.ts";
import { payloadTooLarge } from "../body-limits/body-limits.ts";
import { acknowledgeCrisis, setEscalationHeaders } from "./answers.ts";

declare module "../../pipeline/context.ts" {
  interface RouteContext {
    /**
     * The request's priority when a crisis was detected ("crisis"); absent = the priority of the
     * route's service. Read by the rate limiter, the balancer and the retries; never from a header.
     */
    priority?: TTherapeuticPriority;
  }
}

export interface SafetyScanOptions {
  scanner: RequestScanner;
  events: Pick<EventService, "record">;
  meters: Pick<SafetyMeters, "scanned">;
  gatewayId: string;
}

/** In the chain of routes whose safetyScan is monitor or enforce. */
export function safetyScan(options: SafetyScanOptions): RouteStage {
  const { scanner, events, meters, gatewayId } = options;
  return async function safetyScan(ctx, next) {
    const { route } = ctx.match;
    const scanned = await scanner(ctx);
    if (scanned.gone) return; // the client went away while sending its body
    if (scanned.tooLarge) return payloadTooLarge(ctx, route.edge.maxBodyBytes);
    const verdict = judgeRequest(scanned, route.safety);
    meters.scanned(route.name, scanned.result || scanned.unscannable ? verdict.outcome : "unscanned", scanned.scanMs);
    if (verdict.outcome === "clean") return next();

    const event = eventDraft(ctx, scanned, verdict, gatewayId);
    events.record(event);
    const facts = { requestId: ctx.requestId, traceId: ctx.trace.traceId, eventId: event.id, route: route.name, outcome: verdict.outcome, type: event.type, severity: event.severity };
    if (verdict.outcome.startsWith("unscannable")) ctx.log.info({ ...facts, reason: scanned.unscannable?.reason }, "request body could not be scanned");
    else if (verdict.escalated) ctx.log.info(facts, "crisis escalated");
    else ctx.log.debug(facts, "therapeutic event recorded");

    switch (verdict.outcome) {
      case "crisis_acknowledged":
        ctx.priority = "crisis";
        return acknowledgeCrisis(ctx, event.id);
      case "crisis_forwarded":
        ctx.priority = "crisis"; // more attempts, the healthiest instances, past open breakers where the route allows
        setEscalationHeaders(ctx.req.headers, event);
        return next();
      case "content_refused":
        sendError(ctx, "GW_CONTENT_UNSAFE", { details: { eventId: event.id, categories: verdict.categories, guidance: CONTENT_GUIDANCE } });
        return;
      case "unscannable_refused":
        sendError(ctx, "GW_UNSCANNABLE_BODY", { message: scanned.unscannable!.message, details: { eventId: event.id, reason: scanned.unscannable!.reason, resources: CRISIS_RESOURCES } });
        return;
      case "privacy_refused":
        sendError(ctx, "GW_PRIVACY_VIOLATION", { details: { eventId: event.id, piiKinds: verdict.piiKinds, compliance: PRIVACY_COMPLIANCE } });
        return;
      default: // recorded below the escalation severity, or monitored
        return next();
    }
  };
}
