// Applies operators' forced breaker states from the shared store: once at start (so a restarted
// gateway keeps them) and then every intervalMs. A read that raced a local command is dropped; the
// next one sees the command.
import type { Logger } from "pino";
import type { ForcedBreakerStore } from "../../stores/forced-breakers/interface.ts";
import type { UpstreamPools } from "../pool/upstream-pools.ts";

export interface ForcedSync {
  refresh(): Promise<void>;
  close(): void;
}

export async function startForcedSync(options: { store: ForcedBreakerStore; pools: UpstreamPools; intervalMs: number; log: Logger }): Promise<ForcedSync> {
  const { store, pools } = options;
  let failing = false;
  async function refresh(): Promise<void> {
    const version = pools.forcedVersion;
    try {
      const forced = await store.all();
      if (version === pools.forcedVersion) pools.applyForced(forced);
      failing = false;
    } catch (error) {
      if (!failing) options.log.warn({ err: error }, "forced breaker states unreadable; keeping the ones applied");
      failing = true;
    }
  }
  await refresh();
  const timer = setInterval(() => void refresh(), options.intervalMs);
  timer.unref();
  return { refresh, close: () => clearInterval(timer) };
}
