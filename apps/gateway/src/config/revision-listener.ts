// Follows CHANNELS.configRevision with a dedicated `pg` client (LISTEN needs one session). When the
// connection is lost it reconnects with backoff, and calls onConnect after every successful LISTEN
// so that the caller can catch up with anything published while it was away.
import pg from "pg";
import type { Logger } from "pino";
import { outageError } from "../net/connection-error.ts";
import { backoffDelay, type BackoffOptions } from "./backoff.ts";

export interface RevisionListener {
  readonly connected: boolean;
  /** Resolves after the first connection attempt, whether it worked or not. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface RevisionListenerOptions {
  client: pg.ClientConfig;
  channel: string;
  onNotify(payload: string | undefined): void;
  onConnect(): void;
  log: Logger;
  backoff?: BackoffOptions;
}

export function createRevisionListener(options: RevisionListenerOptions): RevisionListener {
  const { channel, log } = options;
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let client: pg.Client | null = null;
  let connected = false;
  let closed = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  function scheduleReconnect(): void {
    if (closed) return;
    timer = setTimeout(() => void connect(), backoffDelay(failures++, options.backoff));
    timer.unref();
  }

  async function connect(): Promise<void> {
    const c = new pg.Client(options.client);
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (client === c) client = null;
      if (closed) return;
      if (connected) log.warn({ err: outageError(error) }, "config listener lost its connection; reconnecting");
      else if (failures === 0) log.warn({ err: outageError(error) }, "config listener cannot connect; retrying with backoff");
      connected = false;
      c.end().catch(() => {});
      scheduleReconnect();
    };
    c.on("error", onLost);
    c.on("end", () => onLost(new Error("connection ended")));
    c.on("notification", (message) => {
      if (message.channel === channel) options.onNotify(message.payload);
    });
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (lost) return;
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    if (failures > 0) log.info({ attempts: failures }, "config listener connected again");
    failures = 0;
    client = c;
    connected = true;
    options.onConnect();
  }

  return {
    get connected() {
      return connected;
    },
    start: () => connect(),
    async close() {
      closed = true;
      clearTimeout(timer);
      connected = false;
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
    },
  };
}
