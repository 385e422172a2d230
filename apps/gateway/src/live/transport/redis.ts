// Cluster mode: events on the shared pub/sub channel, the heartbeat state under a key with a short
// TTL (plus the gateway's id in the gateways set), breaker commands from the commands channel with
// one ack per gateway. Uses the gateway's one Redis client for commands and a duplicate of it for
// pub/sub (a subscribed connection can do nothing else; on a Redis Cluster, classic pub/sub, which
// every node relays). Every key and channel carries the prefix.
// Nothing waits on Redis in the caller's path: the shared client has no offline queue, so while
// Redis is away operations fail at once; they are counted, and the outage is logged once.
import { liveRedisNames, ZBreakerCommand, type TBreakerCommandAck } from "@tta/domain";
import type { Logger } from "pino";
import { publishOrdered, subscriberOf } from "../../stores/redis/client.ts";
import type { RedisConnection } from "../../stores/redis/connection.ts";
import { createOutageLog } from "../outage-log.ts";
import type { CommandHandler, LiveTransport } from "./interface.ts";
import { createListenerSet } from "./listeners.ts";

export interface RedisTransportOptions {
  connection: RedisConnection;
  gatewayId: string;
  log: Logger;
  /** TTL of the heartbeat key; a few heartbeats long, so a dead gateway's state goes away. */
  stateTtlMs?: number;
  /** How long start-up waits for the subscription before carrying on without it. */
  subscribeWaitMs?: number;
  onFailure?: (operation: string) => void;
}

export async function createRedisTransport(options: RedisTransportOptions): Promise<LiveTransport> {
  const { connection, gatewayId, log } = options;
  const { client } = connection;
  const names = liveRedisNames(connection.prefix);
  const ttlMs = options.stateTtlMs ?? 5_000;
  const listeners = createListenerSet(log);
  const outage = createOutageLog(log, "Redis (live events)");
  // The subscriber queues SUBSCRIBE until connected and re-subscribes after every reconnect.
  const subscriber = subscriberOf(client, "tta-gateway-live");
  let handler: CommandHandler | null = null;

  const fail = (operation: string) => (error: unknown) => {
    options.onFailure?.(operation);
    // While the shared client is down its own outage line covers it; log only the other failures.
    if (operation === "subscriber" || connection.ready()) outage.failed(error, operation);
  };
  subscriber.on("error", fail("subscriber"));
  subscriber.on("ready", () => outage.recovered());

  subscriber.on("message", (channel: string, message: string) => {
    if (channel !== names.commandsChannel || !handler) return;
    let ack: TBreakerCommandAck;
    try {
      ack = handler(ZBreakerCommand.parse(JSON.parse(message)));
    } catch (error) {
      log.warn({ err: error }, "ignored a breaker command that is not valid");
      return;
    }
    publishOrdered(client, names.commandAcksChannel, JSON.stringify(ack)).catch(fail("ack"));
  });

  subscriber.connect().catch(() => {}); // the "error" listener counts it; ioredis keeps retrying
  const subscribed = subscriber.subscribe(names.commandsChannel).then(() => {}, fail("subscribe"));
  await Promise.race([subscribed, new Promise<void>((resolve) => setTimeout(resolve, options.subscribeWaitMs ?? 2_000).unref())]);

  return {
    mode: "redis",
    publish(event) {
      const json = JSON.stringify(event);
      if (listeners.size > 0) listeners.deliver(event, json);
      publishOrdered(client, names.eventsChannel, json).catch(fail("publish"));
    },
    subscribe: listeners.add,
    saveState(state) {
      const key = names.gatewayKey(gatewayId);
      const json = JSON.stringify(state);
      // On a Redis Cluster the key and the set may live on two masters, so no MULTI: the key first,
      // then the set, so that a console that finds the id in the set finds its state too.
      const saved = connection.cluster
        ? client.set(key, json, "PX", ttlMs).then(() => client.sadd(names.gatewaysSet, gatewayId))
        : client.multi().set(key, json, "PX", ttlMs).sadd(names.gatewaysSet, gatewayId).exec();
      saved.then(() => outage.recovered(), fail("heartbeat"));
    },
    onCommand(next) {
      handler = next;
    },
    async close() {
      listeners.clear();
      handler = null;
      // A stopped gateway leaves the live view at once instead of going stale.
      if (connection.ready()) {
        const removed = connection.cluster
          ? Promise.all([client.del(names.gatewayKey(gatewayId)), client.srem(names.gatewaysSet, gatewayId)])
          : client.multi().del(names.gatewayKey(gatewayId)).srem(names.gatewaysSet, gatewayId).exec();
        await removed.catch(() => {});
      }
      if (subscriber.status === "ready") await subscriber.quit().catch(() => subscriber.disconnect());
      else subscriber.disconnect();
    },
  };
}
