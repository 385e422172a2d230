// Cluster mode: the state of every gateway from its heartbeat key (the gateways set lists them),
// events from the shared channel, breaker commands published once on the commands channel and
// counted by the gateways' acks. One command connection and one subscriber per console process,
// to one Redis or to a Redis Cluster (REDIS_CLUSTER_NODES; classic pub/sub, which every node
// relays, so the subscriber listens on any one node).
import {
  liveRedisNames,
  type TRedisClusterTarget,
  ZBreakerCommandAck,
  ZGatewayLiveState,
  ZLiveEvent,
  type TBreakerCommand,
  type TBreakerCommandAck,
  type TGatewayLiveState,
} from "@tta/domain";
import { Cluster, Redis, type RedisOptions } from "ioredis";
import { EventHub } from "./event-hub.ts";
import { GatewayMemory } from "./gateway-memory.ts";
import { LiveUnavailableError, type LiveLog, type LiveSource } from "./live-source.ts";
import { createOutages } from "./outages.ts";

export interface RedisLiveSourceOptions {
  /** REDIS_URL; or `cluster`. */
  url?: string;
  /** REDIS_CLUSTER_NODES, parsed. */
  cluster?: TRedisClusterTarget;
  keyPrefix?: string;
  log?: LiveLog;
  /** How long a command waits for the acks of the gateways that received it. */
  ackTimeoutMs?: number;
  now?: () => number;
}

const retryStrategy = (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 3_000);

type Client = Redis | Cluster;

function connect(options: RedisLiveSourceOptions, redisOptions: RedisOptions & { lazyConnect?: boolean }): Client {
  const { cluster, url } = options;
  if (!cluster) {
    if (!url) throw new Error("createRedisLiveSource needs a url or a cluster");
    return new Redis(url, { ...redisOptions, retryStrategy });
  }
  const { lazyConnect, ...perNode } = redisOptions;
  return new Cluster(cluster.nodes, {
    lazyConnect,
    clusterRetryStrategy: retryStrategy,
    redisOptions: {
      ...perNode,
      ...(cluster.username ? { username: cluster.username } : {}),
      ...(cluster.password ? { password: cluster.password } : {}),
      ...(cluster.tls ? { tls: {} } : {}),
    },
  });
}

/**
 * How many subscribers a PUBLISH on `channel` reaches. One Redis says it in PUBLISH's answer; on a
 * cluster that answer counts the receiving node's subscribers only, so every node is asked first.
 */
async function publishCounted(client: Client, channel: string, message: string): Promise<number> {
  if (!(client instanceof Cluster)) return client.publish(channel, message);
  const counts = await Promise.all(client.nodes("all").map((node) => node.pubsub("NUMSUB", channel) as Promise<[string, number]>));
  await client.publish(channel, message);
  return counts.reduce((n, [, count]) => n + Number(count), 0);
}

function parseState(json: string | null): TGatewayLiveState | null {
  if (!json) return null;
  try {
    const parsed = ZGatewayLiveState.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createRedisLiveSource(options: RedisLiveSourceOptions): LiveSource {
  const names = liveRedisNames(options.keyPrefix ?? "");
  const log = options.log ?? console;
  const outages = createOutages(log);
  const ackTimeoutMs = options.ackTimeoutMs ?? 1_500;
  const memory = new GatewayMemory(options.now);
  const client = connect(options, { maxRetriesPerRequest: 1, commandTimeout: 2_000, connectionName: "tta-console" });
  const subscriber = connect(options, { lazyConnect: true, connectionName: "tta-console-live" });
  const pendingAcks = new Map<string, { acks: TBreakerCommandAck[]; wake(): void }>();
  let subscribed: Promise<void> | null = null;
  const hub = new EventHub(() => void subscribe().catch((error: unknown) => outages.failed("Redis (live subscription)", error)));

  for (const [what, connection] of [["Redis", client], ["Redis (live subscription)", subscriber]] as const) {
    connection.on("error", (error: Error) => outages.failed(what, error));
    connection.on("ready", () => outages.recovered(what));
  }

  subscriber.on("message", (channel: string, message: string) => {
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      return;
    }
    if (channel === names.eventsChannel) {
      const event = ZLiveEvent.safeParse(json);
      if (!event.success) return;
      if (event.data.type === "gateway.heartbeat") memory.heartbeat(event.data);
      hub.publish(event.data);
    } else if (channel === names.commandAcksChannel) {
      const ack = ZBreakerCommandAck.safeParse(json);
      const waiting = ack.success ? pendingAcks.get(ack.data.correlationId) : undefined;
      if (waiting && ack.success) {
        waiting.acks.push(ack.data);
        waiting.wake();
      }
    }
  });

  /** The shared subscription (events and acks), started on first use and kept; ioredis re-subscribes after reconnects. */
  function subscribe(): Promise<void> {
    subscribed ??= subscriber.subscribe(names.eventsChannel, names.commandAcksChannel).then(
      () => {},
      (error: unknown) => {
        subscribed = null;
        throw new LiveUnavailableError("The live subscription to Redis failed.", { cause: error });
      },
    );
    return subscribed;
  }

  return {
    mode: "redis",
    async state() {
      let ids: string[];
      let values: (string | null)[];
      try {
        ids = await client.smembers(names.gatewaysSet);
        // One GET per gateway, not an MGET: on a Redis Cluster the keys lie in several slots.
        values = await Promise.all(ids.map((id) => client.get(names.gatewayKey(id))));
      } catch (error) {
        throw new LiveUnavailableError("Redis is unreachable: the live state of the gateways cannot be read.", { cause: error });
      }
      const fresh = new Set<string>();
      const missing: string[] = [];
      ids.forEach((id, i) => {
        const state = parseState(values[i] ?? null);
        if (state && state.heartbeat.gatewayId === id) {
          memory.remember(state);
          fresh.add(id);
        } else missing.push(id);
      });
      const views = memory.views(fresh);
      // Ids whose key expired and that this console no longer remembers are dead gateways: tidy the
      // set (a live gateway adds itself again with its next heartbeat).
      const gone = missing.filter((id) => !views.some((v) => v.heartbeat.gatewayId === id));
      if (gone.length > 0) client.srem(names.gatewaysSet, ...gone).catch(() => {});
      return views;
    },
    subscribe: (listener, lastEventId) => hub.subscribe(listener, lastEventId),
    async sendBreakerCommand(command) {
      await subscribe();
      const waiting = { acks: [] as TBreakerCommandAck[], wake() {} };
      const { acks } = waiting;
      pendingAcks.set(command.correlationId, waiting); // before publishing: acks can beat PUBLISH's reply
      try {
        let reached: number;
        try {
          reached = await publishCounted(client, names.commandsChannel, JSON.stringify(command));
        } catch (error) {
          throw new LiveUnavailableError("Redis is unreachable: the breaker command was not sent.", { cause: error });
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ackTimeoutMs);
          waiting.wake = () => {
            if (acks.length < reached) return;
            clearTimeout(timer);
            resolve();
          };
          waiting.wake();
        });
        if (acks.length < reached) log.warn(`[live] breaker command ${command.correlationId}: ${reached - acks.length} of ${reached} gateways did not acknowledge within ${ackTimeoutMs} ms`);
        return { correlationId: command.correlationId, reached, applied: acks.filter((a) => a.applied).length, acks: [...acks] };
      } finally {
        pendingAcks.delete(command.correlationId);
      }
    },
    async close() {
      hub.clear();
      await Promise.all([client, subscriber].map((c) => (c.status === "ready" ? c.quit().then(() => {}, () => c.disconnect()) : c.disconnect())));
    },
  };
}
