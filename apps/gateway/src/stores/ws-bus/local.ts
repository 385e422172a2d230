// The in-process bus: one gateway, delivery in publish order (on the next microtask, as over Redis
// delivery is never synchronous with the publish).
import type { Logger } from "pino";
import { HandlerSets, type WsBus } from "./interface.ts";

export function createLocalWsBus(log: Logger): WsBus {
  const handlers = new HandlerSets();
  const onError = (error: unknown) => log.error({ err: error }, "a websocket bus handler failed");
  return {
    kind: "local",
    async publish(channel, message) {
      queueMicrotask(() => handlers.deliver(channel, message, onError));
    },
    async subscribe(channel, handler) {
      handlers.add(channel, handler);
      return () => void handlers.remove(channel, handler);
    },
    async close() {
      handlers.clear();
    },
  };
}
