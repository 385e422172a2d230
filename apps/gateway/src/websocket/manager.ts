// The WebSocket manager (websocket/PROTOCOL.md): the sessions this gateway holds, their upstream
// legs, resume (here or from another gateway, through a take-over on the bus), rooms across
// gateways, the safety scan of client messages, slow consumers, and shutdown with 1001 and the
// resume token. Sessions and their frames live in the session store (Redis or in-process).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { HEADERS, newId } from "@tta/domain";
import { maskPii, type CrisisClassifier } from "@tta/safety";
import type { Logger } from "pino";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import type { CompiledConfig, CompiledRoute } from "../config/compiled.ts";
import { DEFAULTS } from "../env.ts";
import type { EventService } from "../events/event-service.ts";
import type { RouteContext } from "../pipeline/context.ts";
import { sendError } from "../pipeline/send-error.ts";
import { CRISIS_RESOURCES, CONTENT_GUIDANCE, PRIVACY_COMPLIANCE } from "../safety/crisis-resources.ts";
import type { WsBus } from "../stores/ws-bus/interface.ts";
import type { SessionRecord, SessionStore } from "../stores/ws-sessions/interface.ts";
import { frameText } from "../stores/ws-sessions/interface.ts";
import type { UpstreamPools } from "../upstream/pool/upstream-pools.ts";
import { CLOSE, LiveSession, MessageRate, sendableCode } from "./live-session.ts";
import { messageEvent, scanMessage } from "./message-scan.ts";
import type { WsMeters } from "./meters.ts";

export interface WsSettings {
  /** Largest client message; more closes the connection with 1009 (the route's body limit if smaller). */
  maxMessageBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
  /** Open connections per user (or IP on public routes). */
  maxConnectionsPerSubject: number;
  /** The client's send buffer plus the frames waiting for it; beyond it the client is closed with 1013. */
  maxBufferedBytes: number;
  /** How long a session can be resumed (and its upstream leg waits) after its client went away. */
  resumeWindowMs: number;
  /** The same for a session with an open crisis event. */
  crisisResumeWindowMs: number;
  /** Frames kept per session for resume. */
  maxFrames: number;
  pingIntervalMs: number;
  /** A connection with no message either way for this long is closed (1001). */
  idleTimeoutMs: number;
  /** How long a resume waits for the gateway holding the session to let it go. */
  takeoverWaitMs: number;
  /** Connect timeout of the upstream leg. */
  connectTimeoutMs: number;
}

export const WS_DEFAULTS: WsSettings = Object.freeze({
  maxMessageBytes: DEFAULTS.WS_MAX_MESSAGE_BYTES,
  messagesPerSecond: DEFAULTS.WS_MESSAGES_PER_SECOND,
  messageBurst: DEFAULTS.WS_MESSAGE_BURST,
  maxConnectionsPerSubject: DEFAULTS.WS_MAX_CONNECTIONS_PER_USER,
  maxBufferedBytes: DEFAULTS.WS_MAX_BUFFERED_BYTES,
  resumeWindowMs: DEFAULTS.WS_RESUME_WINDOW_MS,
  crisisResumeWindowMs: 24 * 3600_000,
  maxFrames: 1_000,
  pingIntervalMs: 30_000,
  idleTimeoutMs: DEFAULTS.WS_IDLE_TIMEOUT_MS,
  takeoverWaitMs: 1_000,
  connectTimeoutMs: 5_000,
});

export interface WsManagerOptions {
  gatewayId: string;
  store: SessionStore;
  bus: WsBus;
  pools: () => UpstreamPools;
  events: Pick<EventService, "record">;
  classifier: CrisisClassifier | null;
  meters: WsMeters;
  log: Logger;
  settings?: Partial<WsSettings>;
}

export interface Upgrade {
  readonly socket: Duplex;
  readonly head: Buffer;
  /** Set once the client's handshake was completed (nothing more may be written over HTTP). */
  upgraded: boolean;
  /** The handshake headers as the client sent them (the request-headers stage strips them as hop-by-hop). */
  readonly handshake: Readonly<Record<string, string | string[] | undefined>>;
}

declare module "../pipeline/context.ts" {
  interface Context {
    /** Set for a WebSocket upgrade (websocket/upgrade.ts); absent on plain HTTP requests. */
    upgrade?: Upgrade;
  }
}

const ROOM = /^[A-Za-z0-9._:-]{1,128}$/;
const CONTROL = "ws:control";
const roomChannel = (room: string) => `ws:room:${room}`;
const followChannel = (id: string) => `ws:follow:${id}`;

type Control =
  | { kind: "takeover"; sessionId: string; by: string }
  | { kind: "released"; sessionId: string; to: string }
  | { kind: "deliver"; sessionId: string; body: string; id: string; replyTo: string }
  | { kind: "delivered"; id: string; offset: number | null; to: string }
  | { kind: "follow"; sessionId: string; until: number };

/** The request id of an upgrade in progress, for the 101's headers. */
const requestIds = new WeakMap<IncomingMessage, string>();

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("base64url");

function tokenMatches(record: SessionRecord, secret: string): boolean {
  const a = Buffer.from(record.tokenHash);
  const b = Buffer.from(hashSecret(secret));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `resume` and `offset` are the gateway's; the rest of the query goes upstream. */
export function resumeParams(url: string): { token: string | null; offset: number | null; rest: string } {
  const q = url.indexOf("?");
  if (q < 0) return { token: null, offset: null, rest: url };
  const params = new URLSearchParams(url.slice(q + 1));
  const token = params.get("resume");
  const raw = params.get("offset");
  params.delete("resume");
  params.delete("offset");
  const offset = raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  const query = params.toString();
  return { token, offset, rest: url.slice(0, q) + (query ? `?${query}` : "") };
}

export class WsManager {
  readonly settings: WsSettings;
  private readonly sessions = new Map<string, LiveSession>();
  private readonly bySubject = new Map<string, number>();
  private readonly rooms = new Map<string, { members: Set<LiveSession>; unsubscribe: Promise<() => void> }>();
  private readonly waiting = new Map<string, (value: unknown) => void>();
  private readonly wss: WebSocketServer;
  private controlOff: (() => void) | null = null;
  private closing = false;
  private readonly ping: NodeJS.Timeout;

  constructor(private readonly options: WsManagerOptions) {
    this.settings = { ...WS_DEFAULTS, ...options.settings };
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: this.settings.maxMessageBytes,
      handleProtocols: (protocols) => [...protocols].find((p) => !p.startsWith("bearer.")) ?? false,
    });
    this.wss.on("headers", (lines, req) => {
      const id = requestIds.get(req);
      if (id) lines.push(`${HEADERS.requestId}: ${id}`);
    });
    this.ping = setInterval(() => this.heartbeat(), this.settings.pingIntervalMs);
    this.ping.unref();
  }

  async start(): Promise<void> {
    this.controlOff = await this.options.bus.subscribe(CONTROL, (message) => this.onControl(message));
  }

  /** Open sessions with a client, by route (metrics, the live state). */
  openByRoute(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.sessions.values()) if (s.client) counts.set(s.route.name, (counts.get(s.route.name) ?? 0) + 1);
    return counts;
  }

  // ---------------------------------------------------------------- connecting

  /** The terminal stage of a WebSocket route's upgrade chain: a session, its upstream leg, the handshake. */
  async connect(ctx: RouteContext, subject: string): Promise<void> {
    const upgrade = ctx.upgrade!;
    const { route } = ctx.match;
    if (this.closing) return void sendError(ctx, "GW_NOT_READY", { headers: { "retry-after": "1" } });
    const { handshake } = upgrade;
    if (!/^[+/0-9A-Za-z]{22}==$/.test(String(handshake["sec-websocket-key"] ?? "")) || handshake["sec-websocket-version"] !== "13" || String(handshake.upgrade).toLowerCase() !== "websocket") return void sendError(ctx, "GW_WS_BAD_HANDSHAKE");
    if ((this.bySubject.get(subject) ?? 0) >= this.settings.maxConnectionsPerSubject) return void sendError(ctx, "GW_WS_CONNECTION_LIMIT");
    const params = resumeParams(ctx.match.upstreamPath);
    const found = params.token ? await this.findResumable(params.token, subject, route) : null;
    let session: LiveSession;
    if (found) {
      session = found;
    } else {
      const secret = randomBytes(24).toString("base64url");
      const record: SessionRecord = {
        id: newId("session"),
        userId: ctx.auth?.userId ?? null,
        subject,
        route: route.name,
        epoch: randomBytes(6).toString("base64url"),
        tokenHash: hashSecret(secret),
        rooms: [],
        crisisEventId: null,
        owner: this.options.gatewayId,
        createdAt: Date.now(),
      };
      await this.options.store.create(record, this.settings.resumeWindowMs);
      session = this.newSession(record, route, `${record.id}.${secret}`);
    }
    session.route = route;

    if (!session.upstream) {
      const opened = await this.openUpstream(ctx, session, params.rest, found !== null);
      if (!opened.ok) {
        if (!session.client) this.end(session, CLOSE.goingAway, "no upstream");
        return void sendError(ctx, opened.code);
      }
    }
    if (ctx.clientGone() || upgrade.socket.destroyed) return this.linger(session); // gone during the upstream connect
    requestIds.set(ctx.req, ctx.requestId);
    for (const [name, value] of Object.entries(upgrade.handshake)) if (value !== undefined) ctx.req.headers[name] = value;
    await new Promise<void>((resolve) => {
      this.wss.handleUpgrade(ctx.req, upgrade.socket, upgrade.head, (client) => {
        upgrade.upgraded = true;
        this.attach(session, client, subject, found ? params.offset : 0, found ? "resumed" : params.token ? "unrecoverable" : "new");
        resolve();
      });
      // handleUpgrade answers a bad handshake itself (400) and never calls back
      upgrade.socket.once("close", () => resolve());
    });
  }

  private newSession(record: SessionRecord, route: CompiledRoute, resumeToken: string): LiveSession {
    const session = new LiveSession(
      record,
      route,
      resumeToken,
      {
        keep: (s, body) => this.keep(s, body),
        slow: (s) => this.slowConsumer(s),
        sent: (s, bytes) => this.options.meters.message(s.route.name, "out", bytes),
      },
      this.settings.maxBufferedBytes,
    );
    this.sessions.set(record.id, session);
    for (const room of record.rooms) this.joinLocal(session, room);
    return session;
  }

  /** A session this subject may resume, held here or taken over from the gateway that holds it. */
  private async findResumable(token: string, subject: string, route: CompiledRoute): Promise<LiveSession | null> {
    const dot = token.indexOf(".");
    if (dot < 0) return null;
    const id = token.slice(0, dot);
    const secret = token.slice(dot + 1);
    const local = this.sessions.get(id);
    if (local && !local.ended) {
      if (!tokenMatches(local.record, secret) || local.record.subject !== subject || local.record.route !== route.name) return null;
      if (local.client) local.client.close(CLOSE.resumedElsewhere, "session resumed on another connection");
      local.client = null; // its close (4000) no longer concerns the session
      return local;
    }
    const record = await this.options.store.get(id).catch(() => null);
    if (!record || !tokenMatches(record, secret) || record.subject !== subject || record.route !== route.name) return null;
    if (record.owner && record.owner !== this.options.gatewayId) await this.takeOver(record.id);
    return this.newSession({ ...record, owner: this.options.gatewayId }, route, token);
  }

  private async takeOver(sessionId: string): Promise<void> {
    const released = new Promise((resolve) => {
      this.waiting.set(`released:${sessionId}`, resolve);
      setTimeout(resolve, this.settings.takeoverWaitMs).unref();
    });
    await this.publishControl({ kind: "takeover", sessionId, by: this.options.gatewayId });
    await released;
    this.waiting.delete(`released:${sessionId}`);
  }

  private async openUpstream(ctx: RouteContext, session: LiveSession, path: string, resumed: boolean): Promise<{ ok: true } | { ok: false; code: "GW_NO_INSTANCE" | "GW_BREAKER_OPEN" | "GW_UPSTREAM_UNAVAILABLE" }> {
    const pool = this.options.pools().get(session.route.service.name);
    const now = Date.now();
    const instance = pool?.pick((i) => i.health.inRotation && i.breaker.allows(now), session.route.service.priority) ?? null;
    if (!pool || !instance) return { ok: false, code: pool?.instances.some((i) => i.health.inRotation) ? "GW_BREAKER_OPEN" : "GW_NO_INSTANCE" };
    const permit = instance.breaker.acquire(now);
    if (!permit) return { ok: false, code: "GW_BREAKER_OPEN" };
    const target = new URL(path, instance.target);
    target.protocol = target.protocol === "https:" ? "wss:" : "ws:";
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.req.headers)) {
      if (value === undefined || /^(host|upgrade|connection|sec-websocket-|authorization$|cookie$)/.test(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    headers[HEADERS.requestId] = ctx.requestId;
    headers["x-tta-session-id"] = session.id;
    if (resumed) headers["x-tta-session-resumed"] = "1";
    const upstream = new WebSocket(target, { headers, handshakeTimeout: this.settings.connectTimeoutMs, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });
    // Wired before "open": ws emits the frames that came with the handshake right after it.
    this.wireUpstream(session, upstream);
    const ok = await new Promise<boolean>((resolve) => {
      upstream.once("open", () => {
        session.upstream = upstream;
        resolve(true);
      });
      upstream.once("error", () => resolve(false));
      upstream.once("unexpected-response", (_req, res) => {
        res.resume();
        upstream.terminate();
        resolve(false);
      });
    });
    instance.breaker.record(permit, ok ? "success" : "connection_failure", Date.now());
    if (!ok) {
      upstream.removeAllListeners();
      upstream.on("error", () => {});
      return { ok: false, code: "GW_UPSTREAM_UNAVAILABLE" };
    }
    return { ok: true };
  }

  /**
   * The client's connection joins its session. `from`: the offset after which kept frames are sent
   * (0 on a new session: what its upstream leg sent before the handshake; null: a resume without
   * an offset, nothing replayed). `kind`: a new session, a resumed one, or a resume that could not
   * be honoured (a new session, recovered: false).
   */
  private attach(session: LiveSession, client: WebSocket, subject: string, from: number | null, kind: "new" | "resumed" | "unrecoverable"): void {
    if (session.lingerTimer) clearTimeout(session.lingerTimer);
    session.lingerTimer = null;
    session.client = client;
    session.sentUpTo = 0;
    session.ready = false;
    this.bySubject.set(subject, (this.bySubject.get(subject) ?? 0) + 1);
    this.options.meters.opened(session.route.name);
    let idleAt = Date.now();
    (client as WebSocket & { ttaIdleAt?: () => number }).ttaIdleAt = () => idleAt;
    const rate = new MessageRate(this.settings.messagesPerSecond, this.settings.messageBurst, Date.now());
    void this.options.store.update(session.id, { owner: this.options.gatewayId }, this.windowOf(session)).catch(() => {});

    // First the session frame and the replay, then whatever the upstream sends (same queue).
    session.enqueue(async () => {
      let replayed: { frames: { offset: number; body: string }[]; complete: boolean; last: number } = { frames: [], complete: true, last: 0 };
      try {
        replayed = await this.options.store.after(session.id, from ?? Number.MAX_SAFE_INTEGER, this.windowOf(session));
      } catch (error) {
        this.options.log.warn({ err: error, sessionId: session.id }, "websocket session frames could not be read; the resume is incomplete");
        replayed = { frames: [], complete: false, last: 0 };
      }
      const complete = kind === "resumed" && from !== null && replayed.complete;
      if (kind !== "new") this.options.meters.resumed(session.route.name, complete);
      if (kind === "resumed" && !complete && session.record.crisisEventId) this.recoveryFailed(session);
      const frames = from === null ? [] : replayed.frames;
      if (session.client !== client) return; // replaced or gone before its replay
      const recovered = kind === "new" ? null : complete;
      session.send(JSON.stringify({ type: "session", sessionId: session.id, resumeToken: session.resumeToken, offset: replayed.last || null, recovered, missed: kind === "resumed" ? frames.length : 0 }), null, true);
      for (const frame of frames) session.send(frameText(frame), frame.offset, true);
      session.sentUpTo = Math.max(session.sentUpTo, replayed.last);
      session.ready = true;
    });

    client.on("message", (data: RawData, isBinary: boolean) => {
      idleAt = Date.now();
      const overLimit = !rate.take(idleAt);
      this.fromClient(session, client, data, isBinary, overLimit);
    });
    client.on("pong", () => (idleAt = Date.now()));
    client.on("error", (error) => this.options.log.debug({ err: error, sessionId: session.id }, "websocket client error"));
    client.once("close", (code) => {
      this.bySubject.set(subject, Math.max(0, (this.bySubject.get(subject) ?? 1) - 1));
      if ((this.bySubject.get(subject) ?? 0) === 0) this.bySubject.delete(subject);
      this.options.meters.closed(session.route.name, code);
      if (session.client !== client) return; // replaced by a resume
      session.client = null;
      // A deliberate close (1000, or an application's 3000-4999) ends the session and is passed on;
      // going away (1001) or a cut (1006) waits for a resume.
      if (code === CLOSE.normal || (code >= 3000 && code <= 4999)) return this.end(session, code, "client closed");
      this.linger(session);
    });
  }

  /** The client went away without saying goodbye: the upstream leg waits for a resume. */
  private linger(session: LiveSession): void {
    if (session.ended || this.closing) return;
    if (session.lingerTimer) clearTimeout(session.lingerTimer);
    session.lingerTimer = setTimeout(() => this.end(session, CLOSE.goingAway, "client did not come back"), Math.min(this.windowOf(session), 5 * 60_000));
    session.lingerTimer.unref();
  }

  /** The session leaves this gateway: its legs closed, its record and frames kept for a later resume. */
  private end(session: LiveSession, code: number, reason: string, clientReason = reason): void {
    if (session.ended) return;
    session.ended = true;
    if (session.lingerTimer) clearTimeout(session.lingerTimer);
    this.sessions.delete(session.id);
    for (const room of session.record.rooms) this.leaveLocal(session, room);
    const { client, upstream } = session;
    session.client = null;
    session.upstream = null;
    if (client && client.readyState <= client.OPEN) client.close(sendableCode(code), clientReason);
    if (upstream && upstream.readyState <= upstream.OPEN) upstream.close(code === CLOSE.resumedElsewhere ? CLOSE.goingAway : sendableCode(code), reason);
    void this.options.store.update(session.id, { owner: null }, this.windowOf(session)).catch(() => {});
  }

  private windowOf(session: LiveSession): number {
    return session.record.crisisEventId ? this.settings.crisisResumeWindowMs : this.settings.resumeWindowMs;
  }

  // ---------------------------------------------------------------- frames

  private async keep(session: LiveSession, body: string): Promise<number | null> {
    try {
      return await this.options.store.append(session.id, body, { maxFrames: this.settings.maxFrames, ttlMs: this.windowOf(session) });
    } catch (error) {
      this.options.meters.storeFailure();
      this.options.log.warn({ err: error, sessionId: session.id }, "a websocket frame could not be kept for resume; sent without an offset");
      return null;
    }
  }

  private slowConsumer(session: LiveSession): void {
    const client = session.client;
    if (!client) return;
    this.options.meters.slowConsumer(session.route.name);
    session.client = null; // frames from now on are only kept
    client.close(CLOSE.slowConsumer, "slow consumer: resume to get the rest");
    setTimeout(() => client.terminate(), 2_000).unref();
    this.linger(session);
  }

  private wireUpstream(session: LiveSession, upstream: WebSocket): void {
    upstream.on("message", (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        const client = session.client;
        if (client?.readyState === client?.OPEN) client!.send(data as Buffer, { binary: true });
        return;
      }
      const text = data.toString();
      this.options.meters.message(session.route.name, "upstream", text.length);
      if (text.includes('"$tta"') && this.control(session, text)) return;
      const shown = session.route.safety.maskResponsePii ? maskPii(text) : text; // masked before it is kept
      this.publishFollow(session, "out", shown);
      session.deliver(JSON.stringify({ type: "message", data: shown }));
    });
    upstream.on("error", (error) => this.options.log.warn({ err: error, sessionId: session.id }, "websocket upstream leg failed"));
    upstream.once("close", (code, reason) => {
      if (session.upstream !== upstream) return;
      session.upstream = null;
      // Frames still queued go out before the close.
      session.enqueue(async () => this.end(session, code === 1006 || code === 1005 ? CLOSE.upstreamFailed : code, "upstream closed", reason.toString().slice(0, 120)));
    });
  }

  /** A control message of the upstream (`$tta`); false when the text is ordinary data after all. */
  private control(session: LiveSession, text: string): boolean {
    let message: { $tta?: unknown; room?: unknown; data?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      return false;
    }
    if (!message || typeof message !== "object" || typeof message.$tta !== "string") return false;
    const room = typeof message.room === "string" && ROOM.test(message.room) ? message.room : null;
    if (!room) {
      this.options.log.warn({ sessionId: session.id, control: message.$tta }, "websocket control message without a valid room ignored");
      return true;
    }
    if (message.$tta === "join" && !session.record.rooms.includes(room)) {
      session.record.rooms = [...session.record.rooms, room];
      this.joinLocal(session, room);
    } else if (message.$tta === "leave" && session.record.rooms.includes(room)) {
      session.record.rooms = session.record.rooms.filter((r) => r !== room);
      this.leaveLocal(session, room);
    } else if (message.$tta === "broadcast") {
      void this.broadcast(room, typeof message.data === "string" ? message.data : JSON.stringify(message.data ?? null));
      return true;
    } else return true;
    void this.options.store.update(session.id, { rooms: session.record.rooms }, this.windowOf(session)).catch(() => {});
    return true;
  }

  // ---------------------------------------------------------------- client messages

  private fromClient(session: LiveSession, client: WebSocket, data: RawData, isBinary: boolean, overLimit: boolean): void {
    const { route } = session;
    const scans = route.safety.mode !== "off";
    if (isBinary) {
      if (scans) return void client.close(CLOSE.unsupported, "binary messages are not accepted on this route");
      if (overLimit) return void client.close(CLOSE.policy, "message rate over the limit");
      session.upstream?.send(data as Buffer, { binary: true });
      return;
    }
    const text = data.toString();
    this.options.meters.message(route.name, "in", text.length);
    if (!scans) {
      if (overLimit) return void client.close(CLOSE.policy, "message rate over the limit");
      this.publishFollow(session, "in", text);
      return void session.upstream?.send(text);
    }
    // In order per session; each scan waits only for this session's earlier messages.
    session.inbound = session.inbound.then(() => this.scanAndForward(session, client, text, overLimit)).catch((error: unknown) => {
      this.options.log.error({ err: error, sessionId: session.id }, "a websocket message could not be scanned; not forwarded");
      session.deliver(JSON.stringify({ type: "refused", code: "GW_UNSCANNABLE_BODY", message: "This message could not be checked, so it was not sent.", eventId: null }));
    });
  }

  private async scanAndForward(session: LiveSession, client: WebSocket, text: string, overLimit: boolean): Promise<void> {
    const { route } = session;
    const config = this.config;
    if (!config) throw new Error("no configuration loaded");
    const scan = await scanMessage(text, route, config, this.options.classifier);
    const { verdict } = scan;
    this.options.meters.scanned(route.name, verdict.outcome, scan.scanMs);
    this.publishFollow(session, "in", text);
    const crisis = verdict.escalated;
    if (overLimit && !crisis) return void client.close(CLOSE.policy, "message rate over the limit");
    if (verdict.outcome === "clean") return void session.upstream?.send(text);

    const event = messageEvent(scan, { sessionId: session.id, userId: session.record.userId, route, revision: config.revision, gatewayId: this.options.gatewayId, messageId: newId("request"), overLimit });
    this.options.events.record(event);
    if (crisis && !session.record.crisisEventId) {
      session.record.crisisEventId = event.id;
      void this.options.store.update(session.id, { crisisEventId: event.id }, this.settings.crisisResumeWindowMs).catch(() => {});
    }
    this.options.log.info({ sessionId: session.id, eventId: event.id, route: route.name, outcome: verdict.outcome, type: event.type, severity: event.severity }, crisis ? "crisis escalated (websocket)" : "therapeutic event recorded (websocket)");
    switch (verdict.outcome) {
      case "crisis_acknowledged":
        session.deliver(JSON.stringify({ type: "crisis-resources", eventId: event.id, message: "Thank you for telling us. Someone from our care team has been alerted and will reach out. If you are in danger right now, please contact one of these lines.", resources: CRISIS_RESOURCES }));
        return; // answered by the gateway, as over HTTP
      case "crisis_forwarded":
        session.deliver(JSON.stringify({ type: "crisis-resources", eventId: event.id, message: "If you are in danger right now, please contact one of these lines.", resources: CRISIS_RESOURCES }));
        if (!overLimit) session.upstream?.send(text);
        return;
      case "content_refused":
        session.deliver(JSON.stringify({ type: "refused", code: "GW_CONTENT_UNSAFE", message: CONTENT_GUIDANCE, eventId: event.id }));
        return;
      case "privacy_refused":
        session.deliver(JSON.stringify({ type: "refused", code: "GW_PRIVACY_VIOLATION", message: PRIVACY_COMPLIANCE, eventId: event.id }));
        return;
      default:
        if (!overLimit) session.upstream?.send(text);
    }
  }

  private recoveryFailed(session: LiveSession): void {
    const eventId = session.record.crisisEventId;
    this.options.log.warn({ sessionId: session.id, eventId }, "a session with an open crisis event could not be fully recovered");
    this.onRecoveryFailed?.(session.id, eventId!);
  }

  /** Set by the composition root: adds the timeline entry of a failed recovery to the crisis event. */
  onRecoveryFailed: ((sessionId: string, eventId: string) => void) | null = null;

  /** The current revision (set by the composition root). */
  config: CompiledConfig | null = null;

  // ---------------------------------------------------------------- rooms

  private joinLocal(session: LiveSession, room: string): void {
    let entry = this.rooms.get(room);
    if (!entry) {
      const members = new Set<LiveSession>();
      entry = { members, unsubscribe: this.options.bus.subscribe(roomChannel(room), (message) => this.roomMessage(room, message)) };
      entry.unsubscribe.catch((error: unknown) => this.options.log.warn({ err: error, room }, "websocket room subscription failed"));
      this.rooms.set(room, entry);
    }
    entry.members.add(session);
  }

  private leaveLocal(session: LiveSession, room: string): void {
    const entry = this.rooms.get(room);
    if (!entry?.members.delete(session) || entry.members.size > 0) return;
    this.rooms.delete(room);
    void entry.unsubscribe.then((off) => off(), () => {});
  }

  private roomMessage(room: string, message: string): void {
    const members = this.rooms.get(room)?.members;
    if (!members) return;
    const body = JSON.stringify({ type: "message", room, data: message });
    for (const session of members) session.deliver(body);
  }

  /** Every member of the room, on every gateway, gets `data` (in the order Redis received them). */
  async broadcast(room: string, data: string): Promise<void> {
    if (!ROOM.test(room)) throw new Error("invalid room name");
    await this.options.bus.publish(roomChannel(room), data);
  }

  // ---------------------------------------------------------------- clinicians

  /** Sends a clinician's message to the player: through the gateway holding the session, or kept for its resume. */
  async sendToSession(sessionId: string, text: string, from: { id: string; label: string }): Promise<{ offset: number | null } | null> {
    const body = JSON.stringify({ type: "message", from: "clinician", sender: from.label, data: text });
    const local = this.sessions.get(sessionId);
    if (local) return { offset: await this.deliverAndWait(local, body) };
    const record = await this.options.store.get(sessionId);
    if (!record) return null;
    if (record.owner) {
      const id = newId("request");
      const answered = new Promise<unknown>((resolve) => {
        this.waiting.set(`delivered:${id}`, resolve);
        setTimeout(() => resolve(undefined), this.settings.takeoverWaitMs).unref();
      });
      await this.publishControl({ kind: "deliver", sessionId, body, id, replyTo: this.options.gatewayId });
      const offset = await answered;
      this.waiting.delete(`delivered:${id}`);
      if (offset !== undefined) return { offset: offset as number | null };
    }
    const offset = await this.options.store.append(sessionId, body, { maxFrames: this.settings.maxFrames, ttlMs: record.crisisEventId ? this.settings.crisisResumeWindowMs : this.settings.resumeWindowMs });
    return { offset };
  }

  private deliverAndWait(session: LiveSession, body: string): Promise<number | null> {
    return new Promise((resolve) => {
      const bytes = Buffer.byteLength(body) + 16;
      session.queuedBytes += bytes;
      session.enqueue(async () => {
        const offset = await this.keep(session, body);
        session.queuedBytes -= bytes;
        session.send(offset === null ? `{"offset":null,${body.slice(1)}` : frameText({ offset, body }), offset);
        resolve(offset);
      });
    });
  }

  async sessionInfo(sessionId: string): Promise<Record<string, unknown> | null> {
    const local = this.sessions.get(sessionId);
    const record = local?.record ?? (await this.options.store.get(sessionId));
    if (!record) return null;
    const replay = await this.options.store.after(sessionId, Number.MAX_SAFE_INTEGER, this.settings.crisisResumeWindowMs).catch(() => null);
    return { id: record.id, userId: record.userId, route: record.route, rooms: record.rooms, connected: local ? local.client !== null : record.owner !== null, gateway: local ? this.options.gatewayId : record.owner, crisisEventId: record.crisisEventId, lastOffset: replay?.last ?? null };
  }

  /** Masked copies of the session's next messages, from whichever gateway holds it, until the returned stop. */
  async follow(sessionId: string, listener: (event: string) => void): Promise<() => void> {
    const off = await this.options.bus.subscribe(followChannel(sessionId), listener);
    const announce = () => void this.publishControl({ kind: "follow", sessionId, until: Date.now() + 30_000 }).catch(() => {});
    announce();
    const timer = setInterval(announce, 10_000);
    timer.unref();
    return () => {
      clearInterval(timer);
      off();
    };
  }

  private publishFollow(session: LiveSession, direction: "in" | "out", text: string): void {
    if (session.followUntil < Date.now()) return;
    const event = JSON.stringify({ direction, at: new Date().toISOString(), text: maskPii(text).slice(0, 4_000) });
    void this.options.bus.publish(followChannel(session.id), event).catch(() => {});
  }

  // ---------------------------------------------------------------- between gateways

  private publishControl(message: Control): Promise<void> {
    return this.options.bus.publish(CONTROL, JSON.stringify(message));
  }

  private onControl(raw: string): void {
    let message: Control;
    try {
      message = JSON.parse(raw) as Control;
    } catch {
      return;
    }
    const me = this.options.gatewayId;
    switch (message.kind) {
      case "takeover": {
        if (message.by === me) return;
        const session = this.sessions.get(message.sessionId);
        if (!session) return;
        // What is queued for the client is kept first; then the legs go and the new holder is told.
        session.enqueue(async () => {
          this.end(session, CLOSE.resumedElsewhere, "session resumed on another gateway");
          await this.publishControl({ kind: "released", sessionId: session.id, to: message.by });
        });
        return;
      }
      case "released":
        if (message.to === me) this.waiting.get(`released:${message.sessionId}`)?.(true);
        return;
      case "deliver": {
        const session = this.sessions.get(message.sessionId);
        if (!session) return;
        void this.deliverAndWait(session, message.body).then((offset) => this.publishControl({ kind: "delivered", id: message.id, offset, to: message.replyTo }));
        return;
      }
      case "delivered":
        if (message.to === me) this.waiting.get(`delivered:${message.id}`)?.(message.offset);
        return;
      case "follow": {
        const session = this.sessions.get(message.sessionId);
        if (session) session.followUntil = Math.max(session.followUntil, message.until);
        return;
      }
    }
  }

  // ---------------------------------------------------------------- lifecycle

  private heartbeat(): void {
    const now = Date.now();
    for (const session of this.sessions.values()) {
      const client = session.client as (WebSocket & { ttaIdleAt?: () => number }) | null;
      if (!client || client.readyState !== client.OPEN) continue;
      if (now - (client.ttaIdleAt?.() ?? now) > this.settings.idleTimeoutMs) client.close(CLOSE.goingAway, "idle");
      else client.ping();
    }
  }

  /** A new revision: sessions whose route is gone, disabled or no longer a WebSocket route are closed; the rest follow the new route. */
  syncConfig(config: CompiledConfig): void {
    this.config = config;
    const byName = new Map(config.routes.map((r) => [r.name, r]));
    for (const session of [...this.sessions.values()]) {
      const route = byName.get(session.route.name);
      if (!route || !route.websocket) this.end(session, CLOSE.goingAway, "route removed");
      else session.route = route;
    }
  }

  /** Shutdown: every client is closed with 1001 and its resume token, so it reconnects elsewhere. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.ping);
    const sessions = [...this.sessions.values()];
    await Promise.all(
      sessions.map(
        (session) =>
          new Promise<void>((resolve) => {
            session.enqueue(async () => {
              const client = session.client;
              this.end(session, CLOSE.goingAway, "gateway shutting down", `resume:${session.resumeToken}`);
              if (client) {
                const timer = setTimeout(() => (client.terminate(), resolve()), 2_000);
                client.once("close", () => (clearTimeout(timer), resolve()));
              } else resolve();
            });
          }),
      ),
    );
    // owner: null is written by end(); give those writes a moment before Redis closes.
    if (sessions.length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    this.controlOff?.();
    this.wss.close();
  }

}
