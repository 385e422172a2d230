// One event for a clinician's detail panel: its summary, signals, who the player is (ids only),
// and its timeline (the latest REPEATS_SHOWN repeats; repeatCount gives them all). The id of a
// repeat (the one its 202 or escalation header named) opens the event it was folded into.
import type { TEscalationDetail } from "@tta/domain";
import type { Db } from "../client.ts";
import { NotFoundError } from "../errors.ts";
import { detectionFacts } from "./session.ts";
import { parseSignals, summarySelect, toSummary } from "./summary.ts";
import { buildTimeline, EVENT_ACTIONS, EVENT_ENTITY } from "./timeline.ts";

export const REPEATS_SHOWN = 50;

const auditSelect = { action: true, actorLabel: true, createdAt: true, after: true, correlationId: true } as const;

export async function getEscalation(db: Db, idOrRepeat: string): Promise<TEscalationDetail> {
  const select = { ...summarySelect, userId: true, sessionId: true, correlationId: true };
  let row = await db.therapeuticEvent.findUnique({ where: { id: idOrRepeat }, select });
  if (!row) {
    const repeat = await db.therapeuticEventRepeat.findUnique({ where: { id: idOrRepeat }, select: { eventId: true } });
    if (repeat) row = await db.therapeuticEvent.findUnique({ where: { id: repeat.eventId }, select });
  }
  if (!row) throw new NotFoundError(`event ${idOrRepeat} does not exist`);
  const { id } = row;
  const [audits, repeats, notes] = await Promise.all([
    db.auditLog.findMany({
      where: { entityType: EVENT_ENTITY, entityId: id, action: { not: EVENT_ACTIONS.repeated } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: auditSelect,
    }),
    db.auditLog.findMany({
      where: { entityType: EVENT_ENTITY, entityId: id, action: EVENT_ACTIONS.repeated },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: REPEATS_SHOWN,
      select: auditSelect,
    }),
    db.eventNote.findMany({
      where: { eventId: id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, body: true, createdAt: true, author: { select: { email: true } } },
    }),
  ]);
  const { userId, sessionId, correlationId, ...summary } = row;
  return {
    ...toSummary(summary),
    signals: parseSignals(row.signals),
    userId,
    sessionId,
    channel: detectionFacts(audits.find((a) => a.action === EVENT_ACTIONS.detected)?.after).channel,
    correlationId,
    timeline: buildTimeline({ event: row, audits: [...audits, ...repeats.reverse()], notes }),
  };
}
