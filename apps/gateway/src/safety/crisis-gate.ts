// For the rate-limit stage: is a request it is about to refuse (429, or 503 when the store is away
// and the policy fails closed) an escalating crisis? Asked only then, so a request under its limit
// is scanned once, later, by the safety-scan stage (the scan is shared through ctx.safetyScan). A
// crisis the policy does not let through (crisisBypass off, or the subject's crisis allowance
// spent) is refused like any request, but never silently: its event is recorded and escalated all
// the same (folded into the subject's open event: safety/fold-key.ts).
import type { ErrorCode } from "@tta/domain";
import type { EventService } from "../events/event-service.ts";
import type { SafetyMeters } from "../metrics/safety-meters.ts";
import type { RouteContext } from "../pipeline/context.ts";
import { eventDraft } from "./event-draft.ts";
import type { RequestScanner } from "./request-scan.ts";
import { judgeScan } from "./verdict.ts";

/** Why a crisis is refused: the policy allows no bypass, or the subject's crisis allowance is spent. */
export type CrisisRefusal = "no_bypass" | "allowance_spent";

export interface CrisisGate {
  isCrisis(ctx: RouteContext): Promise<boolean>;
  /** Records the crisis of a request that is refused anyway, with the code it is refused with. */
  refused(ctx: RouteContext, code: ErrorCode, why?: CrisisRefusal): void;
}

export interface CrisisGateOptions {
  scanner: RequestScanner;
  events: Pick<EventService, "record">;
  meters: Pick<SafetyMeters, "scanned">;
  gatewayId: string;
}

export function crisisGate(options: CrisisGateOptions): CrisisGate {
  const { scanner } = options;
  return {
    async isCrisis(ctx) {
      if (ctx.match.route.safety.mode === "off") return false;
      const scanned = await scanner(ctx);
      if (scanned.tooLarge) ctx.res.shouldKeepAlive = false; // refused with the rest of its body unread
      return scanned.result?.escalate === true;
    },
    refused(ctx, code, why = "no_bypass") {
      void scanner(ctx).then((scanned) => {
        const { route } = ctx.match;
        const verdict = { ...judgeScan(scanned.result, route.safety), outcome: "crisis_refused" as const };
        const event = eventDraft(ctx, scanned, verdict, options.gatewayId);
        event.details = { ...event.details, refusedWith: code, refusal: why };
        options.events.record(event);
        options.meters.scanned(route.name, "crisis_refused", scanned.scanMs);
        const facts = { requestId: ctx.requestId, traceId: ctx.trace.traceId, eventId: event.id, route: route.name, code };
        // A flood past its allowance is one client's repeats, counted in the metric and the event: no line each.
        if (why === "allowance_spent") ctx.log.debug(facts, "crisis over the crisis allowance refused by the rate limit; recorded and folded");
        else ctx.log.warn(facts, "crisis refused by a rate limit without crisis bypass; escalated all the same");
      });
    },
  };
}
