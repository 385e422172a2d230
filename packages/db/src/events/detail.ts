// One event for a clinician's detail panel: its summary, signals, who the player is (ids only),
// and its timeline.
import type { TEscalationDetail } from "@tta/domain";
import type { Db } from "../client.ts";
import { NotFoundError } from "../errors.ts";
import { parseSignals, summarySelect, toSummary } from "./summary.ts";
import { buildTimeline, EVENT_ENTITY } from "./timeline.ts";

export async function getEscalation(db: Db, id: string): Promise<TEscalationDetail> {
  const row = await db.therapeuticEvent.findUnique({
    where: { id },
    select: { ...summarySelect, userId: true, sessionId: true, correlationId: true },
  });
  if (!row) throw new NotFoundError(`event ${id} does not exist`);
  const [audits, notes] = await Promise.all([
    db.auditLog.findMany({
      where: { entityType: EVENT_ENTITY, entityId: id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { action: true, actorLabel: true, createdAt: true, after: true, correlationId: true },
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
    correlationId,
    timeline: buildTimeline({ event: row, audits, notes }),
  };
}
