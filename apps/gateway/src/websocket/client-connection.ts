// A client's connection joined to its session: one set of listeners serves every connection (the
// session and the connection's message rate ride on the socket, so no closure per connection
// holds anything), and the heartbeat that pings live clients and closes idle ones (1001).
import type { Logger } from "pino";
import type { RawData, WebSocket } from "ws";
import { CLOSE, type LiveSession, type MessageRate } from "./live-session.ts";

const SESSION = Symbol("tta.ws.session");
const RATE = Symbol("tta.ws.rate");
type Joined = WebSocket & { [SESSION]?: LiveSession; [RATE]?: MessageRate };

export interface ClientEvents {
  message(session: LiveSession, client: WebSocket, data: RawData, isBinary: boolean, overLimit: boolean): void;
  closed(session: LiveSession, client: WebSocket, code: number): void;
  log: Logger;
}

export type JoinClient = (session: LiveSession, client: WebSocket, rate: MessageRate) => void;

export function clientJoiner(events: ClientEvents): JoinClient {
  function onMessage(this: Joined, data: RawData, isBinary: boolean): void {
    const session = this[SESSION]!;
    session.lastHeardAt = Date.now();
    events.message(session, this, data, isBinary, !this[RATE]!.take(session.lastHeardAt));
  }
  function onPong(this: Joined): void {
    this[SESSION]!.lastHeardAt = Date.now();
  }
  function onError(this: Joined, error: Error): void {
    events.log.debug({ err: error, sessionId: this[SESSION]?.id }, "websocket client error");
  }
  function onClose(this: Joined, code: number): void {
    events.closed(this[SESSION]!, this, code);
  }
  return (session, client, rate) => {
    const joined = client as Joined;
    joined[SESSION] = session;
    joined[RATE] = rate;
    session.lastHeardAt = Date.now();
    client.on("message", onMessage).on("pong", onPong).on("error", onError).once("close", onClose);
  };
}

/** Pings every live client; one silent for longer than its route's idle timeout is closed (1001). */
export function heartbeat(sessions: Iterable<LiveSession>, defaultIdleMs: number, now = Date.now()): void {
  for (const session of sessions) {
    const client = session.client;
    if (!client || client.readyState !== client.OPEN) continue;
    if (now - session.lastHeardAt > (session.route.websocketPolicy?.idleTimeoutMs ?? defaultIdleMs)) client.close(CLOSE.goingAway, "idle");
    else client.ping();
  }
}
