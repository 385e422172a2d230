// One log line when a dependency (Redis, a gateway's admin API) goes away and one when it is back,
// however many calls fail in between.
import type { LiveLog } from "./live-source.ts";

export function createOutages(log: LiveLog, now: () => number = Date.now) {
  const down = new Map<string, { since: number; failures: number }>();
  return {
    failed(what: string, error: unknown): void {
      const known = down.get(what);
      if (known) {
        known.failures++;
        return;
      }
      down.set(what, { since: now(), failures: 1 });
      log.warn(`[live] ${what} is unreachable (${error instanceof Error ? error.message : String(error)}); retrying, logged once until it is back`);
    },
    recovered(what: string): void {
      const known = down.get(what);
      if (!known) return;
      down.delete(what);
      log.info(`[live] ${what} is back after ${Math.round((now() - known.since) / 1000)} s (${known.failures} failed attempts)`);
    },
    isDown: (what: string) => down.has(what),
  };
}
