// The bus over Redis pub/sub: publishes on the gateway's client, subscriptions on a duplicate of it
// (a subscribed connection can do nothing else), which re-subscribes after every reconnect.
// Channel names carry the key prefix. On a Redis Cluster this is the classic (not sharded) pub/sub,
// every publish on a channel through the master of its name's slot (publishOrdered), which relays
// it to every node: the subscribers get a channel's messages in the order that master received them.
import type { Logger } from "pino";
import { publishOrdered, subscriberOf, type RedisClient } from "../redis/client.ts";
import { HandlerSets, type WsBus } from "./interface.ts";

export function createRedisWsBus(client: RedisClient, prefix: string, log: Logger): WsBus {
  const handlers = new HandlerSets();
  const subscriber = subscriberOf(client, "tta-gateway-ws");
  let failing = false;
  subscriber.on("error", (error: Error) => {
    if (!failing) log.warn({ err: error }, "websocket bus: redis subscriber unreachable; rooms and take-overs reach this gateway only once it is back");
    failing = true;
  });
  subscriber.on("ready", () => (failing = false));
  const onError = (error: unknown) => log.error({ err: error }, "a websocket bus handler failed");
  subscriber.on("message", (channel: string, message: string) => handlers.deliver(channel.slice(prefix.length), message, onError));
  subscriber.connect().catch(() => {});
  return {
    kind: "redis",
    async publish(channel, message) {
      await publishOrdered(client, prefix + channel, message);
    },
    async subscribe(channel, handler) {
      if (handlers.add(channel, handler)) await subscriber.subscribe(prefix + channel);
      return () => {
        if (handlers.remove(channel, handler)) subscriber.unsubscribe(prefix + channel).catch(() => {});
      };
    },
    async close() {
      handlers.clear();
      subscriber.disconnect();
    },
  };
}
