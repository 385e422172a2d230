// The therapeutic event of a scanned request: who (the verified user and session, when known),
// where (route, correlation id), what (type, severity, masked signals, masked excerpt) and what
// the player got (the outcome, for the audit row). The id is minted here, once: the 202 and the
// forwarded request name it, and the writer may send it to Postgres more than once. Over its rate
// limit, it folds into the subject's open event (safety/fold-key.ts).
import { newId } from "@tta/domain";
import type { TherapeuticEventDraft } from "@tta/db";
import type { RouteContext } from "../pipeline/context.ts";
import { excerptOf } from "./excerpt.ts";
import { foldKey } from "./fold-key.ts";
import type { RequestScan } from "./request-scan.ts";
import type { SafetyVerdict } from "./verdict.ts";

export function eventDraft(ctx: RouteContext, scanned: RequestScan, verdict: SafetyVerdict, gatewayId: string): TherapeuticEventDraft {
  const { route } = ctx.match;
  return {
    id: newId("event"),
    type: verdict.eventType!,
    severity: verdict.severity!,
    escalated: verdict.escalated,
    userId: ctx.auth?.userId ?? null,
    sessionId: ctx.auth?.sessionId ?? null,
    routeName: route.name,
    excerpt: excerptOf(scanned.input, verdict.signals) || (scanned.unscannable ? `[not scanned: ${scanned.unscannable.reason}]` : ""),
    signals: verdict.signals,
    correlationId: ctx.requestId,
    detectedAt: new Date(),
    details: {
      outcome: verdict.outcome,
      mode: route.safety.mode,
      rulesVersion: scanned.result?.rulesVersion ?? null,
      gateway: gatewayId,
      revision: ctx.config.revision,
      method: ctx.req.method ?? null,
      truncated: scanned.result?.truncated ?? false,
      ...(verdict.review ? { review: true } : {}),
      ...(scanned.unscannable ? { unscannable: scanned.unscannable.reason } : {}),
    },
    foldKey: foldKey(ctx, verdict.eventType!),
    fold: ctx.overLimit === true,
  };
}
