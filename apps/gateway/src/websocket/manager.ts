// The WebSocket manager (PROTOCOL.md): the sessions this gateway holds, each with its client
// connection and its upstream leg; connect and resume (here, or taken over from another gateway),
// lingering for a resume when a client drops, slow consumers, config changes and shutdown with 1001
// and the resume token. Sessions and their frames live in the session store (Redis or in-process);
// the replay on join, client connections, client messages, upstream frames, rooms, peers and the
// admin API's session access have their own modules.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ConnectionOptions } from "node:tls";
import { HEADERS, newId } from "@tta/domain";
import type { CrisisClassifier } from "@tta/safety";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import type { CompiledConfig, CompiledRoute } from "../config/compiled.ts";
import type { EventService } from "../events/event-service.ts";
import type { RouteContext } from "../pipeline/context.ts";
import { sendError } from "../pipeline/send-error.ts";
import "../pipeline/upgrade.ts";
import type { WsBus } from "../stores/ws-bus/interface.ts";
import type { SessionRecord, SessionStore } from "../stores/ws-sessions/interface.ts";
import type { UpstreamPools } from "../upstream/pool/upstream-pools.ts";
import { openUpstreamLeg } from "../upstream/ws-proxy.ts";
import { clientJoiner, heartbeat, type JoinClient } from "./client-connection.ts";
import { clientMessages, type ClientMessageHandler } from "./client-messages.ts";
import { FrameKeeper } from "./frame-keeper.ts";
import { CLOSE, LiveSession, MessageRate, sendableCode, type SessionHooks } from "./live-session.ts";
import type { WsMeters } from "./meters.ts";
import { Peers } from "./peers.ts";
import { replayTo, type Joining, type ReplayDeps } from "./replay.ts";
import { newResumeSecret, parseResumeToken, resumeParams, secretMatches } from "./resume-token.ts";
import { Rooms } from "./rooms.ts";
import { SessionAccess } from "./session-access.ts";
import { WS_DEFAULTS, type WsSettings } from "./settings.ts";
import { upstreamWirer, type WireUpstream } from "./upstream-frames.ts";

export interface WsManagerOptions {
  gatewayId: string;
  store: SessionStore;
  bus: WsBus;
  pools: () => UpstreamPools;
  /** A service's TLS options for its wss:// legs (upstream/agents.ts tlsOptions); default node's. */
  upstreamTls?: (service: string) => ConnectionOptions | undefined;
  events: Pick<EventService, "record">;
  classifier: CrisisClassifier | null;
  meters: WsMeters;
  log: Logger;
  settings?: Partial<WsSettings>;
  /** Adds the timeline entry of a failed recovery to the session's crisis event. */
  onRecoveryFailed?: (sessionId: string, eventId: string) => void;
}


const HANDSHAKE_KEY = /^[+/0-9A-Za-z]{22}==$/;

/** The request id of an upgrade in progress, for the 101's headers. */
const requestIds = new WeakMap<IncomingMessage, string>();

export class WsManager {
  readonly settings: WsSettings;
  private readonly sessions = new Map<string, LiveSession>();
  private readonly bySubject = new Map<string, number>();
  /** One handshake server per message size limit (ws enforces it, with 1009, before buffering more). */
  private readonly servers = new Map<number, WebSocketServer>();
  private readonly rooms: Rooms;
  private readonly peers: Peers;
  private readonly fromClient: ClientMessageHandler;
  /** Reading, messaging and following sessions for the admin API, from any gateway. */
  readonly access: SessionAccess;
  private readonly wireUpstream: WireUpstream;
  private readonly hooks: SessionHooks;
  private readonly keeper: FrameKeeper;
  private readonly joinClient: JoinClient;
  private readonly replayDeps: ReplayDeps;
  private readonly ping: NodeJS.Timeout;
  private config: CompiledConfig | null = null;
  private closing = false;

  constructor(private readonly options: WsManagerOptions) {
    const settings = (this.settings = { ...WS_DEFAULTS, ...options.settings });
    this.rooms = new Rooms(options.bus, options.log);
    this.peers = new Peers(options.bus, options.gatewayId, settings.takeoverWaitMs, {
      release: (id) => this.release(id),
      deliver: (id, body) => {
        const session = this.sessions.get(id);
        return session ? session.deliverAndWait(body) : undefined;
      },
      follow: (id, until) => {
        const session = this.sessions.get(id);
        if (session) session.followUntil = Math.max(session.followUntil, until);
      },
    }, options.log);
    this.access = new SessionAccess({ ...options, peers: this.peers, settings, held: (id) => this.sessions.get(id) });
    this.fromClient = clientMessages({
      ...options,
      config: () => this.config,
      follow: (session, direction, text) => this.access.publish(session, direction, text),
      crisisOpened: (session, eventId) => {
        session.record.crisisEventId = eventId;
        void options.store.update(session.id, { crisisEventId: eventId }, settings.crisisResumeWindowMs).catch(() => {});
      },
    });
    this.wireUpstream = upstreamWirer({
      rooms: this.rooms,
      meters: options.meters,
      log: options.log,
      follow: (session, direction, text) => this.access.publish(session, direction, text),
      roomsChanged: (session) => void options.store.update(session.id, { rooms: session.record.rooms }, this.windowOf(session)).catch(() => {}),
      end: (session, code, reason, clientReason) => this.end(session, code, reason, clientReason),
    });
    this.keeper = new FrameKeeper(options.store, options.meters, options.log);
    this.hooks = {
      keep: (session, offset, body) => this.keeper.keep({ sessionId: session.id, offset, body, limits: { maxFrames: settings.maxFrames, ttlMs: this.windowOf(session) } }),
      slow: (session) => this.slowConsumer(session),
      sent: (session, bytes) => options.meters.message(session.route.name, "out", bytes),
    };
    this.replayDeps = { flushKept: () => this.keeper.flush(), store: options.store, meters: options.meters, log: options.log, windowOf: (session) => this.windowOf(session), onRecoveryFailed: options.onRecoveryFailed };
    this.joinClient = clientJoiner({
      message: (session, client, data, isBinary, overLimit) => this.fromClient(session, client, data, isBinary, overLimit),
      closed: (session, client, code) => this.clientClosed(session, client, code),
      log: options.log,
    });
    this.ping = setInterval(() => heartbeat(this.sessions.values(), settings.idleTimeoutMs), settings.pingIntervalMs);
    this.ping.unref();
  }

  start(): Promise<void> {
    return this.peers.start();
  }

  /** Open client connections by route (metrics, the live heartbeat). */
  openByRoute(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.sessions.values()) if (s.client) counts.set(s.route.name, (counts.get(s.route.name) ?? 0) + 1);
    return counts;
  }

  // ---------------------------------------------------------------- connecting

  /** The end of a WebSocket route's upgrade chain: a session, its upstream leg, the handshake. */
  async connect(ctx: RouteContext, subject: string): Promise<void> {
    const upgrade = ctx.upgrade!;
    const { handshake } = upgrade;
    const { route } = ctx.match;
    if (this.closing) return void sendError(ctx, "GW_NOT_READY", { headers: { "retry-after": "1" } });
    const valid = ctx.req.method === "GET" && HANDSHAKE_KEY.test(String(handshake["sec-websocket-key"] ?? "")) && handshake["sec-websocket-version"] === "13" && String(handshake.upgrade).toLowerCase() === "websocket";
    if (!valid) return void sendError(ctx, "GW_WS_BAD_HANDSHAKE"); // checked here, so ws never answers one in its own format
    if ((this.bySubject.get(subject) ?? 0) >= this.settings.maxConnectionsPerSubject) return void sendError(ctx, "GW_WS_CONNECTION_LIMIT");
    const params = resumeParams(ctx.match.upstreamPath);
    const found = params.token ? await this.findResumable(params.token, subject, route) : null;
    const session = found ?? (await this.create(ctx, subject, route));
    session.route = route;
    if (!session.upstream) {
      const opened = await openUpstreamLeg(this.options.pools(), {
        route,
        path: params.rest,
        headers: ctx.req.headers,
        extraHeaders: { [HEADERS.requestId]: ctx.requestId, "x-tta-session-id": session.id, ...(found ? { "x-tta-session-resumed": "1" } : {}) },
        connectTimeoutMs: this.settings.connectTimeoutMs,
        tls: this.options.upstreamTls?.(route.service.name),
        span: ctx.trace.attempt(1, route.service.name, "GET"),
        wire: (upstream) => this.wireUpstream(session, upstream),
      });
      if (!opened.ok) {
        if (!session.client) this.end(session, CLOSE.goingAway, "no upstream");
        return void sendError(ctx, opened.code);
      }
      session.upstream = opened.upstream;
    }
    if (ctx.clientGone() || upgrade.socket.destroyed) return this.linger(session); // gone during the upstream connect
    requestIds.set(ctx.req, ctx.requestId);
    for (const [name, value] of Object.entries(handshake)) if (value !== undefined) ctx.req.headers[name] = value;
    const joining: Joining = found ? "resumed" : params.token ? "unrecoverable" : "new";
    await new Promise<void>((resolve) => {
      // handleUpgrade answers a bad handshake itself and never calls back; the socket's close then
      // ends the wait. The listener goes once upgraded: it holds this request's context.
      upgrade.socket.once("close", resolve);
      this.serverFor(route).handleUpgrade(ctx.req, upgrade.socket, upgrade.head, (client) => {
        upgrade.socket.removeListener("close", resolve);
        upgrade.upgraded = true;
        this.attach(session, client, found ? params.offset : 0, joining);
        resolve();
      });
    });
  }

  /** The route's message size limit (its policy's, else WS_MAX_MESSAGE_BYTES) decides the handshake server. */
  private serverFor(route: CompiledRoute): WebSocketServer {
    const maxPayload = route.websocketPolicy?.maxMessageBytes ?? this.settings.maxMessageBytes;
    let server = this.servers.get(maxPayload);
    if (!server) {
      server = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload, handleProtocols: (protocols) => [...protocols].find((p) => !p.startsWith("bearer.")) ?? false });
      server.on("headers", (lines, req) => {
        const id = requestIds.get(req);
        if (id) lines.push(`${HEADERS.requestId}: ${id}`);
      });
      this.servers.set(maxPayload, server);
    }
    return server;
  }

  private async create(ctx: RouteContext, subject: string, route: CompiledRoute): Promise<LiveSession> {
    const { secret, hash } = newResumeSecret();
    const record: SessionRecord = {
      id: newId("session"),
      userId: ctx.auth?.userId ?? null,
      subject,
      route: route.name,
      epoch: randomBytes(6).toString("base64url"),
      tokenHash: hash,
      rooms: [],
      crisisEventId: null,
      owner: this.options.gatewayId,
      createdAt: Date.now(),
    };
    await this.options.store.create(record, this.settings.resumeWindowMs).catch((error: unknown) => {
      // The conversation goes on; only its resume is lost (frames then go out without offsets).
      this.options.meters.storeFailure();
      this.options.log.warn({ err: error, sessionId: record.id }, "a websocket session could not be kept in the session store; it cannot be resumed");
    });
    return this.hold(record, route, `${record.id}.${secret}`, 0);
  }

  private hold(record: SessionRecord, route: CompiledRoute, resumeToken: string, lastOffset: number): LiveSession {
    const session = new LiveSession(record, route, resumeToken, this.hooks, this.settings.maxBufferedBytes);
    session.lastOffset = lastOffset;
    this.sessions.set(record.id, session);
    for (const room of record.rooms) this.rooms.join(session, room);
    return session;
  }

  /** A session this subject may resume on this route: held here, or taken over from the gateway that holds it. */
  private async findResumable(token: string, subject: string, route: CompiledRoute): Promise<LiveSession | null> {
    const parsed = parseResumeToken(token);
    if (!parsed) return null;
    const mine = (r: SessionRecord) => secretMatches(r.tokenHash, parsed.secret) && r.subject === subject && r.route === route.name;
    const local = this.sessions.get(parsed.sessionId);
    if (local && !local.ended) {
      if (!mine(local.record)) return null;
      local.client?.close(CLOSE.resumedElsewhere, "session resumed on another connection");
      local.client = null; // that connection's close no longer concerns the session
      return local;
    }
    const record = await this.options.store.get(parsed.sessionId).catch(() => null);
    if (!record || !mine(record)) return null;
    if (record.owner && record.owner !== this.options.gatewayId) await this.peers.takeOver(record.id);
    // Read once the holder has let go: its last frames are kept by then (same order on Redis).
    const last = await this.options.store.after(record.id, Number.MAX_SAFE_INTEGER, this.settings.crisisResumeWindowMs).then((r) => r.last, () => 0);
    return this.hold({ ...record, owner: this.options.gatewayId }, route, token, last);
  }

  /** Another gateway resumes this session: what is queued for its client is kept, then the legs go. */
  private release(sessionId: string): Promise<boolean> {
    const session = this.sessions.get(sessionId);
    if (!session) return Promise.resolve(false);
    return new Promise((resolve) => session.enqueue(async () => (this.end(session, CLOSE.resumedElsewhere, "session resumed on another gateway"), resolve(true))));
  }

  /**
   * The client's connection joins its session: first the session frame and the kept frames after
   * `from` (0 on a new session: what its leg sent before the handshake; null: nothing), then the
   * session's frames as they come (the same queue).
   */
  private attach(session: LiveSession, client: WebSocket, from: number | null, joining: Joining): void {
    if (session.lingerTimer) clearTimeout(session.lingerTimer);
    session.lingerTimer = null;
    session.client = client;
    session.sentUpTo = 0;
    session.ready = false;
    this.bySubject.set(session.record.subject, (this.bySubject.get(session.record.subject) ?? 0) + 1);
    this.options.meters.opened(session.route.name);
    void this.options.store.update(session.id, { owner: this.options.gatewayId }, this.windowOf(session)).catch(() => {});
    session.enqueue(() => replayTo(this.replayDeps, session, client, from, joining));

    const policy = session.route.websocketPolicy;
    this.joinClient(session, client, new MessageRate(policy?.messagesPerSecond ?? this.settings.messagesPerSecond, policy?.messageBurst ?? this.settings.messageBurst, Date.now()));
  }

  private clientClosed(session: LiveSession, client: WebSocket, code: number): void {
    const subject = session.record.subject;
    const left = (this.bySubject.get(subject) ?? 1) - 1;
    if (left > 0) this.bySubject.set(subject, left);
    else this.bySubject.delete(subject);
    this.options.meters.closed(session.route.name, code);
    if (session.client !== client) return; // replaced by a resume, or closed by the gateway
    session.client = null;
    // A deliberate close (1000, or an application's 3000-4999) ends the session and goes upstream;
    // going away (1001) or a cut (1006) waits for a resume.
    if (code === CLOSE.normal || (code >= 3000 && code <= 4999)) this.end(session, code, "client closed");
    else this.linger(session);
  }

  /** The client went away without saying goodbye: the upstream leg waits for a resume. */
  private linger(session: LiveSession): void {
    if (session.ended || this.closing) return;
    if (session.lingerTimer) clearTimeout(session.lingerTimer);
    session.lingerTimer = setTimeout(() => this.end(session, CLOSE.goingAway, "client did not come back"), Math.min(this.windowOf(session), 5 * 60_000));
    session.lingerTimer.unref();
  }

  /** The session leaves this gateway: both legs closed, its record and frames kept for a later resume. */
  private end(session: LiveSession, code: number, reason: string, clientReason = reason): void {
    if (session.ended) return;
    session.ended = true;
    if (session.lingerTimer) clearTimeout(session.lingerTimer);
    this.sessions.delete(session.id);
    for (const room of session.record.rooms) this.rooms.leave(session, room);
    const { client, upstream } = session;
    session.client = null;
    session.upstream = null;
    if (client && client.readyState <= client.OPEN) client.close(sendableCode(code), clientReason);
    if (upstream && upstream.readyState <= upstream.OPEN) upstream.close(code === CLOSE.resumedElsewhere ? CLOSE.goingAway : sendableCode(code), reason);
    this.keeper.flush(); // its frames reach the store before the gateway that takes it over reads them
    void this.options.store.update(session.id, { owner: null }, this.windowOf(session)).catch(() => {});
  }

  private windowOf(session: LiveSession): number {
    return session.record.crisisEventId ? this.settings.crisisResumeWindowMs : this.settings.resumeWindowMs;
  }

  // ---------------------------------------------------------------- frames

  private slowConsumer(session: LiveSession): void {
    const client = session.client;
    if (!client) return;
    this.options.meters.slowConsumer(session.route.name);
    session.client = null; // frames from now on are only kept
    client.close(CLOSE.slowConsumer, "slow consumer: resume to get the rest");
    setTimeout(() => client.terminate(), 2_000).unref();
    this.linger(session);
  }

  // ---------------------------------------------------------------- the admin API

  broadcast(room: string, data: string): Promise<void> {
    return this.rooms.broadcast(room, data);
  }

  // ---------------------------------------------------------------- lifecycle

  /** A new revision: sessions whose route is gone, disabled or no longer a WebSocket route are closed (1001); the rest follow it. */
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
    await Promise.all(sessions.map((session) => new Promise<void>((resolve) => session.enqueue(async () => this.leave(session, resolve)))));
    if (sessions.length > 0) await new Promise((resolve) => setTimeout(resolve, 50)); // the owner: null writes of end() before Redis closes
    this.peers.stop();
    for (const server of this.servers.values()) server.close();
  }

  private leave(session: LiveSession, done: () => void): void {
    const client = session.client;
    this.end(session, CLOSE.goingAway, "gateway shutting down", `resume:${session.resumeToken}`);
    if (!client) return done();
    const timer = setTimeout(() => (client.terminate(), done()), 2_000);
    client.once("close", () => (clearTimeout(timer), done()));
  }
}
