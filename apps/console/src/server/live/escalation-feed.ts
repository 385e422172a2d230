// The escalation queue's live path, in every mode: one dedicated Postgres connection per console
// process LISTENs on CHANNELS.therapeuticEvent (payload = event id, sent in the transaction that
// wrote the event) and fans each notification out to every browser through an EventHub. The
// connection is opened on the first subscription, checked every few seconds, and reopened with
// backoff when it drops; each (re)opening publishes "resync", since notifications sent while it
// was down are lost (Postgres does not queue them for a listener that is gone).
import { CHANNELS, type TEscalationChange } from "@tta/domain";
import pg from "pg";
import { EventHub, type Envelope } from "./event-hub.ts";
import type { LiveLog } from "./live-source.ts";
import { createOutages } from "./outages.ts";
import { abortableSleep } from "./abortable-sleep.ts";

export interface EscalationFeed {
  /**
   * Changes from now on; with `lastEventId`, first the buffered ones after it. Every subscription
   * starts with a "resync", so a browser that loaded the queue before subscribing misses nothing.
   * Returns the unsubscribe function.
   */
  subscribe(listener: (envelope: Envelope<TEscalationChange>) => void, lastEventId?: string | null): () => void;
  /** Resolves once the LISTEN is in place (tests; the feed opens on the first subscription). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface EscalationFeedOptions {
  databaseUrl: string;
  log?: LiveLog;
  /** A `select 1` this often on the listening connection; no answer within pingTimeoutMs reopens it. */
  pingIntervalMs?: number; // default 10 000
  pingTimeoutMs?: number; // default 5 000
  backoff?: { baseMs?: number; capMs?: number };
}

const WHAT = "Postgres (escalation feed)";

export function createEscalationFeed(options: EscalationFeedOptions): EscalationFeed {
  const log = options.log ?? console;
  const outages = createOutages(log);
  const { baseMs = 100, capMs = 5_000 } = options.backoff ?? {};
  const pingIntervalMs = options.pingIntervalMs ?? 10_000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 5_000;
  const closing = new AbortController();
  let current: pg.Client | null = null;
  let running: Promise<void> | null = null;
  let listening = false;
  let resyncs = 0;
  const waiters = new Set<() => void>();
  const hub = new EventHub<TEscalationChange>(() => {
    running ??= follow();
  });

  /** One connection's life: connect, LISTEN, relay, until it ends. */
  async function listenOnce(): Promise<void> {
    const client = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true, application_name: "tta-console-escalations" });
    current = client;
    const ended = new Promise<Error>((resolve) => {
      client.once("end", () => resolve(new Error("the connection ended")));
      client.on("error", (error) => resolve(error));
    });
    client.on("notification", (message) => {
      if (message.channel === CHANNELS.therapeuticEvent && message.payload) hub.publish({ type: "event", eventId: message.payload });
    });
    let ping: NodeJS.Timeout | undefined;
    try {
      await client.connect();
      await client.query(`LISTEN "${CHANNELS.therapeuticEvent}"`);
      outages.recovered(WHAT);
      listening = true;
      for (const wake of waiters) wake();
      waiters.clear();
      hub.publish({ type: "resync" }); // whatever was notified before this LISTEN is only in the table
      ping = setInterval(() => {
        const timeout = setTimeout(() => client.end().catch(() => {}), pingTimeoutMs);
        client.query("select 1").then(() => clearTimeout(timeout), () => clearTimeout(timeout));
      }, pingIntervalMs);
      throw await ended;
    } finally {
      listening = false;
      clearInterval(ping);
      current = null;
      await client.end().catch(() => {});
    }
  }

  async function follow(): Promise<void> {
    let attempt = 0;
    while (!closing.signal.aborted) {
      const started = Date.now();
      try {
        await listenOnce();
      } catch (error) {
        if (closing.signal.aborted) break;
        outages.failed(WHAT, error);
      }
      if (Date.now() - started > capMs) attempt = 0; // it ran for a while: back off from scratch
      const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt++, 30));
      await abortableSleep(ceiling / 2 + (ceiling / 2) * Math.random(), closing.signal);
    }
  }

  return {
    subscribe(listener, lastEventId) {
      const unsubscribe = hub.subscribe(listener, lastEventId);
      listener({ id: `resync-${++resyncs}`, event: { type: "resync" } });
      return unsubscribe;
    },
    ready() {
      running ??= follow();
      return listening ? Promise.resolve() : new Promise<void>((resolve) => waiters.add(resolve));
    },
    async close() {
      closing.abort();
      hub.clear();
      await current?.end().catch(() => {});
      await running;
    },
  };
}
