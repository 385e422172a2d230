// The fan-out of one upstream connection to every browser subscription, with console-assigned ids
// ("<boot>-<n>") and a short replay buffer, so a browser that reconnects with its last id gets
// what it missed (when it was gone for less than the buffer's length). Gateways' live events by
// default; the escalation feed carries its own changes through the same hub.
import { randomBytes } from "node:crypto";
import type { TLiveEvent } from "@tta/domain";

/** An event with the id the console gave it (for tracked() and replay after a reconnect). */
export interface Envelope<T> {
  id: string;
  event: T;
}

export type EnvelopeListener<T = TLiveEvent> = (envelope: Envelope<T>) => void;

export class EventHub<T = TLiveEvent> {
  private readonly listeners = new Set<EnvelopeListener<T>>();
  private readonly recent: Envelope<T>[] = [];
  private readonly boot = randomBytes(4).toString("hex");
  private seq = 0;

  constructor(
    private readonly onFirstListener: () => void = () => {},
    private readonly keep = 500,
  ) {}

  get size(): number {
    return this.listeners.size;
  }

  publish(event: T): void {
    const envelope = { id: `${this.boot}-${++this.seq}`, event };
    this.recent.push(envelope);
    if (this.recent.length > this.keep) this.recent.shift();
    for (const listener of this.listeners) {
      try {
        listener(envelope);
      } catch {
        this.listeners.delete(listener); // a broken subscriber must not starve the others
      }
    }
  }

  subscribe(listener: EnvelopeListener<T>, lastEventId?: string | null): () => void {
    if (lastEventId) {
      const at = this.recent.findIndex((e) => e.id === lastEventId);
      if (at >= 0) for (const missed of this.recent.slice(at + 1)) listener(missed);
    }
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.onFirstListener();
    return () => void this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }
}
