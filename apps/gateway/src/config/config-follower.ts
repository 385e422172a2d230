// Keeps the config store current: a LISTEN on CHANNELS.configRevision for changes as they happen,
// and a periodic check as the safety net for a lost notification or a listener that is down.
import { CHANNELS } from "@tta/domain";
import type { Logger } from "pino";
import type { CompiledConfig } from "./compiled.ts";
import type { EdgeDeps } from "./compile-edge.ts";
import type { ConfigStore } from "./config-store.ts";
import { createRevisionListener, type RevisionListener } from "./revision-listener.ts";
import { createRevisionSource, pgClientConfig } from "./revision-source.ts";
import { createConfigStore } from "./config-store.ts";

export interface ConfigFollower {
  readonly store: ConfigStore;
  listenerConnected(): boolean;
  close(): Promise<void>;
}

export interface ConfigFollowerOptions {
  databaseUrl: string;
  instanceId: string;
  pollIntervalMs: number;
  log: Logger;
  /** Called at each swap, before any request sees the new revision (upstream pools follow it). */
  onLoaded?: (config: CompiledConfig) => void;
  /** HMAC secrets and the JWKS cache that auth policies compile with. */
  edge?: EdgeDeps;
}

/** Connects, loads the newest valid revision, then follows; resolves once the first load was tried. */
export async function startConfigFollower(options: ConfigFollowerOptions): Promise<ConfigFollower> {
  const log = options.log.child({ component: "config" });
  const client = pgClientConfig(options.databaseUrl, `tta-gateway:${options.instanceId}`);
  const source = createRevisionSource(client, log);
  const store = createConfigStore(source, log, options.onLoaded, options.edge);
  const listener: RevisionListener = createRevisionListener({
    client,
    channel: CHANNELS.configRevision,
    log,
    onNotify(payload) {
      const number = Number(payload);
      if (Number.isInteger(number) && number <= (store.current()?.revision ?? 0)) return;
      void store.check();
    },
    onConnect: () => void store.check(),
  });

  // Listen first, then load: a revision published in between is then either loaded or notified.
  await listener.start();
  await store.check();
  const poll = setInterval(() => void store.check(), options.pollIntervalMs);
  poll.unref();

  return {
    store,
    listenerConnected: () => listener.connected,
    async close() {
      clearInterval(poll);
      await listener.close();
      await source.close();
    },
  };
}
