// The HTTP/2 sessions of the HTTPS listener, which node's HTTP/1 connection bookkeeping does not
// see. A session with no open stream for idleMs is closed (the keep-alive timeout of HTTP/1; not
// an inactivity timeout, which would cut a quiet long-lived stream). At a drain every session is
// told to finish (GOAWAY: its open streams complete, no new one starts); at the deadline what is
// left is destroyed.
import type { Http2Server, Http2Session, ServerHttp2Stream } from "node:http2";

interface Tracked {
  open: number;
  idle: NodeJS.Timeout | undefined;
}

export class Http2Sessions {
  private readonly sessions = new Map<Http2Session, Tracked>();
  private draining = false;

  constructor(
    server: Http2Server,
    private readonly idleMs: number,
  ) {
    server.on("session", (session) => this.add(session));
    server.on("stream", (stream: ServerHttp2Stream) => this.opened(stream));
  }

  private add(session: Http2Session): void {
    if (this.draining) {
      session.close();
      return;
    }
    const tracked: Tracked = { open: 0, idle: undefined };
    this.sessions.set(session, tracked);
    this.idleFrom(session, tracked);
    session.once("close", () => {
      clearTimeout(tracked.idle);
      this.sessions.delete(session);
    });
  }

  private opened(stream: ServerHttp2Stream): void {
    const session = stream.session;
    const tracked = session && this.sessions.get(session);
    if (!tracked) return;
    tracked.open++;
    clearTimeout(tracked.idle);
    stream.once("close", () => {
      if (--tracked.open === 0) this.idleFrom(session, tracked);
    });
  }

  private idleFrom(session: Http2Session, tracked: Tracked): void {
    tracked.idle = setTimeout(() => session.close(), this.idleMs);
    tracked.idle.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  drain(): void {
    this.draining = true;
    for (const session of this.sessions.keys()) session.close();
  }

  cut(): void {
    for (const session of this.sessions.keys()) session.destroy();
  }
}
