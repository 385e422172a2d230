// A WebSocket upgrade on its way through the stages (server/upgrade-handler.ts): route-chains picks
// the route's upgrade chain when the context has one.
import type { Duplex } from "node:stream";

export interface Upgrade {
  readonly socket: Duplex;
  readonly head: Buffer;
  /** Set once the client's handshake was completed (nothing more may be written over HTTP). */
  upgraded: boolean;
  /** The handshake headers as the client sent them (the request-headers stage strips them as hop-by-hop). */
  readonly handshake: Readonly<Record<string, string | string[] | undefined>>;
}

declare module "./context.ts" {
  interface Context {
    /** Set for a WebSocket upgrade; absent on plain HTTP requests. */
    upgrade?: Upgrade;
  }
}
