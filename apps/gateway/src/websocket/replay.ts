// What a client gets when its connection joins the session, before anything else: the session
// frame (its id, resume token, last offset, whether a resume recovered everything) and the kept
// frames after the offset it came back with, in order. A resume of a crisis session that cannot be
// completed is reported to the session's event.
import type { Logger } from "pino";
import type { WebSocket } from "ws";
import type { SessionStore } from "../stores/ws-sessions/interface.ts";
import { frameText } from "../stores/ws-sessions/interface.ts";
import type { LiveSession } from "./live-session.ts";
import type { WsMeters } from "./meters.ts";

/** How a client's connection joins its session: a new one, a resume, or a resume that could not be honoured. */
export type Joining = "new" | "resumed" | "unrecoverable";

export interface ReplayDeps {
  /** Hands the frames still waiting to be kept to the store, so that the read below sees them. */
  flushKept(): void;
  store: SessionStore;
  meters: WsMeters;
  log: Logger;
  windowOf(session: LiveSession): number;
  onRecoveryFailed?: (sessionId: string, eventId: string) => void;
}

/**
 * `from`: the offset after which kept frames are sent (0 on a new session: what its leg sent before
 * the handshake; null: a resume without an offset, nothing replayed).
 */
export async function replayTo(deps: ReplayDeps, session: LiveSession, client: WebSocket, from: number | null, joining: Joining): Promise<void> {
  let replay;
  deps.flushKept();
  try {
    replay = await deps.store.after(session.id, from ?? Number.MAX_SAFE_INTEGER, deps.windowOf(session));
  } catch (error) {
    deps.log.warn({ err: error, sessionId: session.id }, "websocket session frames could not be read; the resume is incomplete");
    replay = { frames: [], complete: false, last: 0 };
  }
  const complete = joining === "resumed" && from !== null && replay.complete;
  if (joining !== "new") deps.meters.resumed(session.route.name, complete);
  if (joining === "resumed" && !complete && session.record.crisisEventId) {
    deps.log.warn({ sessionId: session.id, eventId: session.record.crisisEventId }, "a session with an open crisis event could not be fully recovered");
    deps.onRecoveryFailed?.(session.id, session.record.crisisEventId);
  }
  if (session.client !== client) return; // replaced or gone before its replay
  const frames = from === null ? [] : replay.frames;
  const missed = joining === "resumed" ? frames.length : 0;
  session.send(JSON.stringify({ type: "session", sessionId: session.id, resumeToken: session.resumeToken, offset: session.lastOffset || null, recovered: joining === "new" ? null : complete, missed }), null, true);
  for (const frame of frames) session.send(frameText(frame), frame.offset, true);
  session.sentUpTo = Math.max(session.sentUpTo, session.lastOffset); // numbered before this replay: kept, or lost with a store failure
  session.ready = true;
}
