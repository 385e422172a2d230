import type { TLiveEvent } from "@tta/domain";
import type { Logger } from "pino";
import type { LiveListener } from "./interface.ts";

/** The in-process fan-out both transports share. A listener that throws is removed, not retried. */
export function createListenerSet(log: Logger) {
  const listeners = new Set<LiveListener>();
  return {
    get size() {
      return listeners.size;
    },
    add(listener: LiveListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    deliver(event: TLiveEvent, json: string): void {
      for (const listener of listeners) {
        try {
          listener(event, json);
        } catch (error) {
          listeners.delete(listener);
          log.error({ err: error }, "a live listener failed and was removed");
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
