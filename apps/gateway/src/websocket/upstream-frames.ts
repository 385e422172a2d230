// What the gateway does with each upstream -> client frame: `$tta` control frames (join, leave,
// broadcast: never shown to the client), masking on routes that mask answers (before the frame is
// kept), binary frames as base64 envelopes, a copy for whoever follows the session, then the frame
// kept and sent; and the leg's close, passed to the client once the frames queued before it went out.
import { maskPii } from "@tta/safety";
import type { Logger } from "pino";
import type { RawData, WebSocket } from "ws";
import type { LiveSession } from "./live-session.ts";
import { CLOSE } from "./live-session.ts";
import type { WsMeters } from "./meters.ts";
import { ROOM_NAME, type Rooms } from "./rooms.ts";

export interface UpstreamFrameDeps {
  rooms: Rooms;
  meters: WsMeters;
  log: Logger;
  follow(session: LiveSession, direction: "out", text: string): void;
  /** The session's rooms changed (kept in the session store). */
  roomsChanged(session: LiveSession): void;
  end(session: LiveSession, code: number, reason: string, clientReason: string): void;
}

const SESSION = Symbol("tta.ws.session");
type Leg = WebSocket & { [SESSION]?: LiveSession };

export type WireUpstream = (session: LiveSession, upstream: WebSocket) => void;

/**
 * One set of listeners serves every upstream leg (the session rides on the socket, so no closure per
 * leg holds anything): an idle session costs a few hundred bytes less.
 */
export function upstreamWirer(deps: UpstreamFrameDeps): WireUpstream {
  function onMessage(this: Leg, data: RawData, isBinary: boolean): void {
    const session = this[SESSION]!;
    if (isBinary) return binary(session, data as Buffer);
    const text = data.toString();
    deps.meters.message(session.route.name, "upstream", text.length);
    if (text.includes('"$tta"') && control(deps, session, text)) return;
    const shown = session.route.safety.maskResponsePii ? maskPii(text) : text;
    deps.follow(session, "out", shown);
    session.deliver(JSON.stringify({ type: "message", data: shown }));
  }
  /**
   * A binary frame is a `binary` envelope (base64), numbered and kept like any frame, so a resume
   * replays it too; on a route that masks answers its bytes cannot be checked, so the player gets
   * a `binary-withheld` envelope in its place (kept, in order: nothing goes missing unannounced).
   */
  function binary(session: LiveSession, bytes: Buffer): void {
    deps.meters.message(session.route.name, "upstream", bytes.length);
    if (session.route.safety.maskResponsePii) {
      deps.follow(session, "out", `[binary frame of ${bytes.length} bytes withheld]`);
      return session.deliver(JSON.stringify({ type: "binary-withheld", bytes: bytes.length }));
    }
    deps.follow(session, "out", `[binary frame of ${bytes.length} bytes]`);
    session.deliver(JSON.stringify({ type: "binary", data: bytes.toString("base64") }));
  }
  function onError(this: Leg, error: Error): void {
    deps.log.warn({ err: error, sessionId: this[SESSION]?.id }, "websocket upstream leg failed");
  }
  function onClose(this: Leg, code: number, reason: Buffer): void {
    const session = this[SESSION]!;
    if (session.upstream !== this) return; // a leg that never opened, or one the gateway closed
    session.upstream = null;
    session.enqueue(async () => deps.end(session, code === 1006 || code === 1005 ? CLOSE.upstreamFailed : code, "upstream closed", reason.toString().slice(0, 120)));
  }
  return (session, upstream) => {
    (upstream as Leg)[SESSION] = session;
    upstream.on("message", onMessage).on("error", onError).once("close", onClose);
  };
}

/** A control frame of the upstream; false when the text is ordinary data after all. */
function control(deps: UpstreamFrameDeps, session: LiveSession, text: string): boolean {
  let message: { $tta?: unknown; room?: unknown; data?: unknown };
  try {
    message = JSON.parse(text);
  } catch {
    return false;
  }
  if (!message || typeof message !== "object" || typeof message.$tta !== "string") return false;
  const room = typeof message.room === "string" && ROOM_NAME.test(message.room) ? message.room : null;
  const { rooms } = session.record;
  if (!room) {
    deps.log.warn({ sessionId: session.id, control: message.$tta }, "websocket control message without a valid room ignored");
  } else if (message.$tta === "broadcast") {
    void deps.rooms.broadcast(room, typeof message.data === "string" ? message.data : JSON.stringify(message.data ?? null)).catch(() => {});
  } else if (message.$tta === "join" && !rooms.includes(room)) {
    session.record.rooms = [...rooms, room];
    deps.rooms.join(session, room);
    deps.roomsChanged(session);
  } else if (message.$tta === "leave" && rooms.includes(room)) {
    session.record.rooms = rooms.filter((r) => r !== room);
    deps.rooms.leave(session, room);
    deps.roomsChanged(session);
  }
  return true;
}
