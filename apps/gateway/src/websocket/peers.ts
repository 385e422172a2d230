// What gateways tell each other about WebSocket sessions, on one bus channel: a take-over when a
// session resumes elsewhere (the holder lets it go, then says so), a clinician's message for the
// session another gateway holds (it keeps and sends it, then answers with the offset), and that
// someone follows a session. A question that gets no answer in time is taken as "nobody holds it".
import { newId } from "@tta/domain";
import type { Logger } from "pino";
import type { WsBus } from "../stores/ws-bus/interface.ts";

const CHANNEL = "ws:control";

type Control =
  | { kind: "takeover"; sessionId: string; by: string }
  | { kind: "released"; sessionId: string; to: string }
  | { kind: "deliver"; sessionId: string; body: string; id: string; replyTo: string }
  | { kind: "delivered"; id: string; offset: number | null; to: string }
  | { kind: "follow"; sessionId: string; until: number };

export interface PeerHandlers {
  /** Another gateway resumes the session: if it is held here, let it go (queued frames kept first). */
  release(sessionId: string): Promise<boolean>;
  /** A message for the player of a session held here: its offset; undefined when not held here. */
  deliver(sessionId: string, body: string): Promise<number | null> | undefined;
  follow(sessionId: string, until: number): void;
}

export class Peers {
  private readonly waiting = new Map<string, (value: unknown) => void>();
  private off: (() => void) | null = null;

  constructor(
    private readonly bus: WsBus,
    private readonly gatewayId: string,
    private readonly waitMs: number,
    private readonly handlers: PeerHandlers,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.off = await this.bus.subscribe(CHANNEL, (raw) => this.receive(raw));
  }

  stop(): void {
    this.off?.();
  }

  /** Asks the gateway holding the session to let it go; resolves when it has, or after the wait. */
  async takeOver(sessionId: string): Promise<void> {
    await this.ask(`released:${sessionId}`, { kind: "takeover", sessionId, by: this.gatewayId });
  }

  /** A message through the gateway holding the session: its offset, or undefined when none answered. */
  async deliverVia(sessionId: string, body: string): Promise<number | null | undefined> {
    const id = newId("request");
    return (await this.ask(`delivered:${id}`, { kind: "deliver", sessionId, body, id, replyTo: this.gatewayId })) as number | null | undefined;
  }

  announceFollow(sessionId: string, until: number): Promise<void> {
    return this.publish({ kind: "follow", sessionId, until });
  }

  private async ask(key: string, message: Control): Promise<unknown> {
    const answered = new Promise<unknown>((resolve) => {
      this.waiting.set(key, resolve);
      setTimeout(() => resolve(undefined), this.waitMs).unref();
    });
    try {
      await this.publish(message);
      return await answered;
    } finally {
      this.waiting.delete(key);
    }
  }

  private publish(message: Control): Promise<void> {
    return this.bus.publish(CHANNEL, JSON.stringify(message));
  }

  private receive(raw: string): void {
    let message: Control;
    try {
      message = JSON.parse(raw) as Control;
    } catch {
      return;
    }
    const me = this.gatewayId;
    const failed = (error: unknown) => this.log.warn({ err: error, kind: message.kind }, "a websocket control message could not be handled");
    switch (message.kind) {
      case "takeover":
        if (message.by !== me) this.handlers.release(message.sessionId).then((held) => (held ? this.publish({ kind: "released", sessionId: message.sessionId, to: message.by }) : undefined)).catch(failed);
        return;
      case "deliver":
        this.handlers.deliver(message.sessionId, message.body)?.then((offset) => this.publish({ kind: "delivered", id: message.id, offset, to: message.replyTo })).catch(failed);
        return;
      case "released":
        if (message.to === me) this.waiting.get(`released:${message.sessionId}`)?.(true);
        return;
      case "delivered":
        if (message.to === me) this.waiting.get(`delivered:${message.id}`)?.(message.offset);
        return;
      case "follow":
        this.handlers.follow(message.sessionId, message.until);
    }
  }
}
