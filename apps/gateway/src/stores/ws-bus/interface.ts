// The WebSocket manager's messages between gateway instances (websocket/PROTOCOL.md): room
// broadcasts, session take-overs, clinician messages and follow streams. Redis pub/sub (each
// channel in the order Redis received the publishes), or in-process on one gateway.

export type BusHandler = (message: string) => void;

export interface WsBus {
  readonly kind: "redis" | "local";
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once subscribed; the returned function unsubscribes (the last one of a channel leaves it). */
  subscribe(channel: string, handler: BusHandler): Promise<() => void>;
  close(): Promise<void>;
}

/** Handlers by channel, with the first and last of each reported (to (un)subscribe upstream). */
export class HandlerSets {
  private readonly byChannel = new Map<string, Set<BusHandler>>();

  /** True when the channel had no handler before. */
  add(channel: string, handler: BusHandler): boolean {
    let set = this.byChannel.get(channel);
    const first = !set;
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(handler);
    return first;
  }

  /** True when the channel has no handler left. */
  remove(channel: string, handler: BusHandler): boolean {
    const set = this.byChannel.get(channel);
    if (!set?.delete(handler)) return false;
    if (set.size > 0) return false;
    this.byChannel.delete(channel);
    return true;
  }

  deliver(channel: string, message: string, onError: (error: unknown) => void): void {
    const set = this.byChannel.get(channel);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(message);
      } catch (error) {
        onError(error);
      }
    }
  }

  clear(): void {
    this.byChannel.clear();
  }
}
