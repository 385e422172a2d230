// What the admin API (and so the console's clinicians) can do with a session, from any gateway:
// read it, send the player a message (through the gateway holding it, or kept for its resume), and
// follow its next messages, PII-masked, through the bus.
import { maskPii } from "@tta/safety";
import type { WsBus } from "../stores/ws-bus/interface.ts";
import type { SessionStore } from "../stores/ws-sessions/interface.ts";
import type { LiveSession } from "./live-session.ts";
import type { Peers } from "./peers.ts";
import type { WsSettings } from "./settings.ts";

const channel = (id: string) => `ws:follow:${id}`;

export interface SessionAccessDeps {
  gatewayId: string;
  store: SessionStore;
  bus: WsBus;
  peers: Peers;
  settings: WsSettings;
  /** The session when this gateway holds it. */
  held(sessionId: string): LiveSession | undefined;
}

export class SessionAccess {
  constructor(private readonly deps: SessionAccessDeps) {}

  async info(sessionId: string): Promise<Record<string, unknown> | null> {
    const { store, settings, gatewayId } = this.deps;
    const local = this.deps.held(sessionId);
    const record = local?.record ?? (await store.get(sessionId));
    if (!record) return null;
    const replay = await store.after(sessionId, Number.MAX_SAFE_INTEGER, settings.crisisResumeWindowMs).catch(() => null);
    return { id: record.id, userId: record.userId, route: record.route, rooms: record.rooms, connected: local ? local.client !== null : record.owner !== null, gateway: local ? gatewayId : record.owner, crisisEventId: record.crisisEventId, lastOffset: replay?.last ?? null };
  }

  /** A clinician's message to the player; null when there is no such session. */
  async send(sessionId: string, text: string, from: { id: string; label: string }): Promise<{ offset: number | null } | null> {
    const { store, settings, peers } = this.deps;
    const body = JSON.stringify({ type: "message", from: "clinician", sender: from.label, data: text });
    const local = this.deps.held(sessionId);
    if (local) return { offset: await local.deliverAndWait(body) };
    const record = await store.get(sessionId);
    if (!record) return null;
    if (record.owner) {
      const offset = await peers.deliverVia(sessionId, body);
      if (offset !== undefined) return { offset };
    }
    const ttlMs = record.crisisEventId ? settings.crisisResumeWindowMs : settings.resumeWindowMs;
    return { offset: await store.append(sessionId, body, { maxFrames: settings.maxFrames, ttlMs }) };
  }

  /** Masked copies of the session's next messages, from whichever gateway holds it, until the returned stop. */
  async follow(sessionId: string, listener: (event: string) => void): Promise<() => void> {
    const off = await this.deps.bus.subscribe(channel(sessionId), listener);
    const announce = () => void this.deps.peers.announceFollow(sessionId, Date.now() + 30_000).catch(() => {});
    announce();
    const timer = setInterval(announce, 10_000);
    timer.unref();
    return () => {
      clearInterval(timer);
      off();
    };
  }

  /** A copy of a message of a followed session held here, for its followers (wherever they are). */
  publish(session: LiveSession, direction: "in" | "out", text: string): void {
    if (session.followUntil < Date.now()) return;
    const event = JSON.stringify({ direction, at: new Date().toISOString(), text: maskPii(text).slice(0, 4_000) });
    void this.deps.bus.publish(channel(session.id), event).catch(() => {});
  }
}
