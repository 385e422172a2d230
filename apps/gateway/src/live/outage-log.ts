// Logs a dependency outage once when it starts and once when it ends, however many operations
// fail in between (principle 6: count every failure, log once).
import type { Logger } from "pino";
import { outageError } from "../net/connection-error.ts";

export interface OutageLog {
  failed(error: unknown, operation: string): void;
  recovered(): void;
  readonly down: boolean;
}

export function createOutageLog(log: Logger, what: string, now: () => number = Date.now): OutageLog {
  let since: number | null = null;
  let failures = 0;
  return {
    get down() {
      return since !== null;
    },
    failed(error, operation) {
      failures++;
      if (since !== null) return;
      since = now();
      log.warn({ err: outageError(error), operation }, `${what} is unavailable; carrying on without it (logged once until it is back)`);
    },
    recovered() {
      if (since === null) return;
      log.info({ failures, downMs: now() - since }, `${what} is back`);
      since = null;
      failures = 0;
    },
  };
}
