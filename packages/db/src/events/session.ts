// What the console needs to reach the player's live session behind an event: the session id (on
// the row) and, from the gateway's "event.detected" audit row, the channel the message came over
// and the gateway that saw it. A clinician following or messaging the session is audited on the
// event like any escalation step (and NOTIFYs the live queue, so the timeline shows it).
import type { Db } from "../client.ts";
import { writeAudit } from "../audit.ts";
import type { ChangeContext } from "../config/routes.ts";
import { NotFoundError } from "../errors.ts";
import { notifyEventChanged } from "./change.ts";
import { EVENT_ACTIONS, EVENT_ENTITY } from "./timeline.ts";

export interface EventSession {
  eventId: string;
  sessionId: string | null;
  /** `details.channel` of the detection ("websocket"), or null when the gateway recorded none. */
  channel: string | null;
  /** `details.gateway`: the id of the gateway that detected it (it holds the session in standalone mode). */
  gatewayId: string | null;
}

const stringAt = (value: unknown, key: string): string | null => {
  const v = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" && v !== "" ? v : null;
};

/** The channel and gateway an "event.detected" audit row's `after` names. */
export function detectionFacts(after: unknown): { channel: string | null; gatewayId: string | null } {
  return { channel: stringAt(after, "channel"), gatewayId: stringAt(after, "gateway") };
}

export async function getEventSession(db: Db, eventId: string): Promise<EventSession> {
  const [row, detected] = await Promise.all([
    db.therapeuticEvent.findUnique({ where: { id: eventId }, select: { id: true, sessionId: true } }),
    db.auditLog.findFirst({ where: { entityType: EVENT_ENTITY, entityId: eventId, action: EVENT_ACTIONS.detected }, select: { after: true } }),
  ]);
  if (!row) throw new NotFoundError(`event ${eventId} does not exist`);
  return { eventId: row.id, sessionId: row.sessionId, ...detectionFacts(detected?.after) };
}

export type SessionStep = typeof EVENT_ACTIONS.sessionFollowed | typeof EVENT_ACTIONS.sessionMessageSent;

/** Audits a clinician's follow or message on the event (never the text: the caller passes lengths). */
export function recordSessionStep(db: Db, eventId: string, ctx: ChangeContext, action: SessionStep, after: Record<string, unknown>): Promise<void> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`select id from therapeutic_events where id = ${eventId}`;
    if (rows.length === 0) throw new NotFoundError(`event ${eventId} does not exist`);
    await writeAudit(tx, { ...ctx, action, entityType: EVENT_ENTITY, entityId: eventId, before: null, after });
    await notifyEventChanged(tx, eventId);
  });
}
