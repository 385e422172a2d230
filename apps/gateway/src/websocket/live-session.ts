// One WebSocket session held by this gateway: the client's connection (absent while it is away)
// and the upstream leg. Frames for the client go through one queue, in order: each is kept in the
// session store first (its offset), then sent, so a client that drops gets them on resume. Client
// messages go through a second queue: rate, scan, then forward, in order, without blocking others.
import type { CompiledRoute } from "../config/compiled.ts";
import type { SessionRecord } from "../stores/ws-sessions/interface.ts";
import { frameText } from "../stores/ws-sessions/interface.ts";
import type { WebSocket } from "ws";

/** Close codes the gateway may send (1005, 1006 and 1015 are never sent on the wire). */
export function sendableCode(code: number): number {
  if ((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999)) return code;
  return 1011;
}

export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  unsupported: 1003,
  policy: 1008,
  tooBig: 1009,
  upstreamFailed: 1011,
  slowConsumer: 1013,
  resumedElsewhere: 4000,
} as const;

/** A token bucket of messages per connection. */
export class MessageRate {
  private tokens: number;
  private at: number;
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface SessionHooks {
  /** Keeps a frame under its offset, in the background (a failure leaves a hole a later resume reports). */
  keep(session: LiveSession, offset: number, body: string): void;
  /** The session's client connection is closing for slowness. */
  slow(session: LiveSession): void;
  sent(session: LiveSession, bytes: number): void;
}

export class LiveSession {
  client: WebSocket | null = null;
  upstream: WebSocket | null = null;
  /** Offsets up to this one reached the current client (replay included). */
  sentUpTo = 0;
  /** The last offset given to a frame of this session: this gateway holds it, so it numbers them. */
  lastOffset = 0;
  /** Frames queued for the client and not yet handed to the socket, in bytes. */
  queuedBytes = 0;
  lingerTimer: NodeJS.Timeout | null = null;
  followUntil = 0;
  ended = false;
  /** When the client was last heard from (a message or a pong), ms since the epoch. */
  lastHeardAt = Date.now();
  /** False from a client's attach until its session frame and replay went out: frames are only kept meanwhile. */
  ready = true;
  private outbound: Promise<void> = Promise.resolve();
  inbound: Promise<void> = Promise.resolve();

  constructor(
    public record: SessionRecord,
    public route: CompiledRoute,
    readonly resumeToken: string,
    private readonly hooks: SessionHooks,
    private readonly maxBufferedBytes: number,
  ) {}

  get id(): string {
    return this.record.id;
  }

  /** Runs `task` after every frame queued before it (the replay of a resume is one such task). */
  enqueue(task: () => Promise<void>): void {
    this.outbound = this.outbound.then(task).catch(() => {});
  }

  /** Numbers `body` (an envelope without offset), keeps it and sends it to the client if there is one. */
  deliver(body: string): void {
    void this.deliverAndWait(body);
    this.checkBuffer();
  }

  /**
   * Like deliver, resolving with the frame's offset. The frame goes out at once, in queue order,
   * while it is kept in the background (in order too: one store connection): no round trip waits.
   */
  deliverAndWait(body: string): Promise<number> {
    return new Promise((resolve) => {
      const bytes = Buffer.byteLength(body) + 16;
      this.queuedBytes += bytes;
      this.enqueue(async () => {
        const offset = ++this.lastOffset;
        this.queuedBytes -= bytes;
        this.send(frameText({ offset, body }), offset); // first: a room's members are not kept waiting behind each other's store writes
        this.hooks.keep(this, offset, body);
        resolve(offset);
      });
    });
  }

  /** Sends a frame that is kept (or needs no keeping); `replay` frames go out before the client is ready. */
  send(text: string, offset: number | null, replay = false): void {
    const client = this.client;
    if (!client || client.readyState !== client.OPEN) return; // kept: the client gets it on resume
    if (!this.ready && !replay) return; // kept: the replay that is queued reads it
    if (offset !== null && offset <= this.sentUpTo) return;
    client.send(text);
    if (offset !== null) this.sentUpTo = offset;
    this.hooks.sent(this, text.length);
    this.checkBuffer();
  }

  /** Beyond the bound (the socket's buffer plus what waits in the queue) the client is closed. */
  private checkBuffer(): void {
    const client = this.client;
    if (!client || client.readyState !== client.OPEN) return;
    if (client.bufferedAmount + this.queuedBytes <= this.maxBufferedBytes) return;
    this.hooks.slow(this);
  }
}
