// A clinician and the player's live WebSocket session behind an escalation: the message the
// console sends through a gateway's admin API, and the messages it relays while a clinician
// follows the session (the gateway's GET /ws/sessions/{id}/follow, text PII-masked there).
import { z } from "zod";
import { ZEventId } from "./escalations.ts";

/** An event whose audit row says `details.channel = "websocket"` came over a gateway session. */
export const WEBSOCKET_CHANNEL = "websocket";

export const SESSION_MESSAGE_MAX_CHARS = 2000;

export const ZSessionMessageInput = z.object({
  id: ZEventId,
  text: z.string().trim().min(1, "write the message first").max(SESSION_MESSAGE_MAX_CHARS, `at most ${SESSION_MESSAGE_MAX_CHARS} characters`),
});
export type TSessionMessageInput = z.infer<typeof ZSessionMessageInput>;

export const ZSessionMessageSent = z.object({
  sessionId: z.string(),
  /** The message's offset in the session (the player gets it on resume if offline). */
  offset: z.string().nullable(),
  sentAt: z.date(),
});
export type TSessionMessageSent = z.infer<typeof ZSessionMessageSent>;

/** One message of a followed session: `in` = the player wrote it, `out` = sent to the player. */
export const ZFollowedMessage = z.object({
  direction: z.enum(["in", "out"]),
  /** ISO time. */
  at: z.string(),
  /** PII-masked by the gateway. */
  text: z.string(),
  offset: z.string().optional(),
});
export type TFollowedMessage = z.infer<typeof ZFollowedMessage>;

/** Why following or messaging a session did not happen (the console's follow stream names it). */
export const LIVE_SESSION_PROBLEMS = ["not_websocket", "no_session", "no_gateway", "session_gone", "gateway_refused", "gateway_timeout", "stream_lost"] as const;
export const ZLiveSessionProblem = z.object({ code: z.enum(LIVE_SESSION_PROBLEMS), message: z.string() });
export type TLiveSessionProblem = z.infer<typeof ZLiveSessionProblem>;

/**
 * The event names of the console's follow stream (/api/escalations/{id}/follow): `message`
 * (TFollowedMessage), `problem` (TLiveSessionProblem, then the stream ends) and `end` (the gateway
 * closed the follow: the session ended). After `problem` or `end` the browser must not reconnect.
 */
export const FOLLOW_EVENTS = { message: "message", problem: "problem", end: "end" } as const;
