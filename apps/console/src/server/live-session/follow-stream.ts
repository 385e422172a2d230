// GET /api/escalations/{id}/follow once the caller is known to be a clinician: finds the event's
// session, opens the gateway's follow stream, audits "session.followed" (once per open, only
// when the stream opened) and answers text/event-stream. What stops a follow after the caller was
// let in is told in the stream (a `problem` event, then the end) so that the page can say why:
// an EventSource cannot read the body of an error status.
import { EVENT_ACTIONS, recordSessionStep, type Actor, type Db } from "@tta/db";
import type { GatewayAdminAccess } from "../gateway-admin/candidates.ts";
import { followedDetail } from "./audit-detail.ts";
import { LiveSessionError } from "./errors.ts";
import { problemEvent } from "./follow-events.ts";
import { relayFollow } from "./follow-relay.ts";
import { openSessionFollow } from "./gateway-session.ts";
import { loadSessionTarget } from "./target.ts";

export interface FollowRequest {
  db: Db;
  access: GatewayAdminAccess;
  actor: Actor;
  eventId: string;
  correlationId: string;
  /** The browser's request: aborted when it goes away. */
  signal: AbortSignal;
}

function eventStream(body: BodyInit, correlationId: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
      "x-request-id": correlationId,
    },
  });
}

/** NotFoundError (packages/db) when the event does not exist; anything unexpected is thrown too. */
export async function openFollowStream(req: FollowRequest): Promise<Response> {
  const upstream = new AbortController();
  const abort = () => upstream.abort();
  req.signal.addEventListener("abort", abort, { once: true });
  let relaying = false;
  try {
    const target = await loadSessionTarget(req.db, req.eventId);
    const opened = await openSessionFollow(req.access, target, upstream.signal);
    // Audited before a byte is relayed; a failed write closes the stream (finally, below).
    await recordSessionStep(req.db, target.eventId, { actor: req.actor, correlationId: req.correlationId }, EVENT_ACTIONS.sessionFollowed, followedDetail({ sessionId: target.sessionId, gatewayUrl: opened.gatewayUrl }));
    const body = relayFollow(opened.body, {
      onClose() {
        req.signal.removeEventListener("abort", abort);
        upstream.abort();
      },
    });
    relaying = true;
    return eventStream(body, req.correlationId);
  } catch (error) {
    if (error instanceof LiveSessionError) return eventStream(problemEvent(error.toProblem()), req.correlationId);
    throw error;
  } finally {
    if (!relaying) {
      req.signal.removeEventListener("abort", abort);
      upstream.abort();
    }
  }
}
