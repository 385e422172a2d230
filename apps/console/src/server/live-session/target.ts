// The live session behind an event, or why there is none: only an event the gateway detected on a
// WebSocket message (details.channel = "websocket") names a gateway session that can be reached.
import { getEventSession, type Db } from "@tta/db";
import { WEBSOCKET_CHANNEL } from "@tta/domain";
import { LiveSessionError } from "./errors.ts";

export interface SessionTarget {
  eventId: string;
  sessionId: string;
  /** The gateway that detected the event: asked first. */
  gatewayId: string | null;
}

/** NotFoundError (from packages/db) when the event does not exist. */
export async function loadSessionTarget(db: Db, eventId: string): Promise<SessionTarget> {
  const session = await getEventSession(db, eventId);
  if (session.channel !== WEBSOCKET_CHANNEL) {
    throw new LiveSessionError("not_websocket", "This event did not come over a live WebSocket session, so there is no session to follow or message.");
  }
  if (!session.sessionId) throw new LiveSessionError("no_session", "The gateway recorded no session id for this event.");
  return { eventId: session.eventId, sessionId: session.sessionId, gatewayId: session.gatewayId };
}
