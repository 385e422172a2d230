// Standalone mode: events go to in-process listeners only (the admin API's /live/events streams);
// the console, another process, follows those streams.
import type { Logger } from "pino";
import type { LiveTransport } from "./interface.ts";
import { createListenerSet } from "./listeners.ts";

export function createLocalTransport(options: { log: Logger }): LiveTransport {
  const listeners = createListenerSet(options.log);
  return {
    mode: "local",
    publish(event) {
      if (listeners.size > 0) listeners.deliver(event, JSON.stringify(event));
    },
    subscribe: listeners.add,
    saveState() {},
    onCommand() {},
    async close() {
      listeners.clear();
    },
  };
}
