// Cluster live path with two real gateways on one real Redis (own key prefix): heartbeat keys and
// the gateways set, events on the channel, one breaker command reaching both (one ack each), a stop
// leaving the set, and a Redis outage that is counted, logged once and survived.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { liveRedisNames, ZBreakerCommandAck, ZGatewayLiveState, ZLiveEvent, type TBreakerCommandAck, type TLiveEvent } from "@tta/domain";
import { Redis } from "ioredis";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { publishSnapshot, snapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";
import { startTcpRelay } from "./helpers/tcp-relay.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:live:${randomBytes(4).toString("hex")}:`;
const names = liveRedisNames(prefix);

describe("live events in cluster mode (Redis)", () => {
  let tdb: TestDatabase;
  let gateways: Gateway[] = [];
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  let redis: Redis;
  let subscriber: Redis;
  const events: TLiveEvent[] = [];
  const acks: TBreakerCommandAck[] = [];

  before(async () => {
    tdb = await createTestDatabase("gwliveredis");
    upstreams = await startUpstreams("players");
    await publishSnapshot(tdb.db, snapshot({ players: [upstreams[0]!.url] }, [{ name: "players-api", path: "/api/players/*", service: "players" }]));
    redis = new Redis(REDIS_URL);
    subscriber = new Redis(REDIS_URL);
    await subscriber.subscribe(names.eventsChannel, names.commandAcksChannel);
    subscriber.on("message", (channel: string, message: string) => {
      if (channel === names.eventsChannel) events.push(ZLiveEvent.parse(JSON.parse(message)));
      if (channel === names.commandAcksChannel) acks.push(ZBreakerCommandAck.parse(JSON.parse(message)));
    });
    const logger = captureLogger("warn").logger;
    gateways = await Promise.all(
      ["gw-red-1", "gw-red-2"].map((instanceId) =>
        startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger, instanceId, redisUrl: REDIS_URL, redisKeyPrefix: prefix, rollupIntervalMs: 250 }),
      ),
    );
  });

  after(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await Promise.all(upstreams.map((u) => u.close()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    subscriber.disconnect();
    redis.disconnect();
    await tdb?.drop();
  });

  test("both gateways keep a heartbeat key with a short TTL and are in the gateways set", async () => {
    assert.deepEqual(gateways.map((g) => g.liveMode), ["redis", "redis"]);
    assert.deepEqual((await redis.smembers(names.gatewaysSet)).sort(), ["gw-red-1", "gw-red-2"]);
    for (const g of gateways) {
      const state = ZGatewayLiveState.parse(JSON.parse((await redis.get(names.gatewayKey(g.instanceId)))!));
      assert.equal(state.heartbeat.gatewayId, g.instanceId);
      assert.equal(state.heartbeat.mode, "redis");
      assert.equal(state.heartbeat.adminUrl, g.adminUrl);
      const ttl = await redis.pttl(names.gatewayKey(g.instanceId));
      assert.ok(ttl > 0 && ttl <= 5_000, `ttl ${ttl}`);
    }
    assert.equal(await redis.exists("gateways"), 0, "nothing is written without the prefix");
  });

  test("heartbeats and traffic roll-ups of both gateways arrive on the events channel", async () => {
    await request(`${gateways[1]!.url}/api/players/1`);
    await waitFor("heartbeats from both", async () => new Set(events.filter((e) => e.type === "gateway.heartbeat").map((e) => e.gatewayId)).size === 2, 3_000);
    await waitFor("the roll-up with gw-red-2's request", async () =>
      events.some((e) => e.type === "traffic.rollup" && e.gatewayId === "gw-red-2" && e.routes.some((r) => r.route === "players-api" && r.count === 1)),
    );
  });

  test("a breaker command published once reaches both gateways: one ack each", async () => {
    const command = { service: "players", instance: upstreams[0]!.url, action: "force_open", correlationId: `req_${randomBytes(6).toString("hex")}` };
    const receivers = await redis.publish(names.commandsChannel, JSON.stringify(command));
    assert.equal(receivers, 2);
    const mine = await waitFor("two acks", async () => {
      const found = acks.filter((a) => a.correlationId === command.correlationId);
      return found.length === 2 ? found : null;
    }, 2_000);
    assert.deepEqual(mine.map((a) => a.gatewayId).sort(), ["gw-red-1", "gw-red-2"]);
    assert.deepEqual(mine.map((a) => a.applied), [true, true]);
    for (const g of gateways) {
      const players = g.upstreamState.instances().find((i) => i.service === "players")!;
      assert.deepEqual([players.breaker.state, players.breaker.forced], ["open", "open"], g.instanceId);
    }
    // The next heartbeat key shows it too (what the console reads).
    await waitFor("forced breaker in gw-red-1's state key", async () => {
      const state = ZGatewayLiveState.parse(JSON.parse((await redis.get(names.gatewayKey("gw-red-1")))!));
      return state.instances.some((i) => i.service === "players" && i.breaker.forced === "open");
    }, 2_000);
    const reset = { ...command, action: "reset", correlationId: `${command.correlationId}-reset` };
    assert.equal(await redis.publish(names.commandsChannel, JSON.stringify(reset)), 2);
    await waitFor("reset acks", async () => acks.filter((a) => a.correlationId === reset.correlationId && a.applied).length === 2, 2_000);
  });

  test("a stopped gateway removes its key and leaves the set", async () => {
    const stopped = gateways.pop()!;
    await stopped.close();
    assert.equal(await redis.exists(names.gatewayKey(stopped.instanceId)), 0);
    assert.deepEqual(await redis.smembers(names.gatewaysSet), ["gw-red-1"]);
  });

  test("Redis going away: the gateway keeps serving, failures are counted and logged once, and it comes back", async () => {
    const relay = await startTcpRelay({ host: "127.0.0.1", port: Number(new URL(REDIS_URL).port || 6379) });
    const log = captureLogger("info");
    const gw = await startGateway({
      databaseUrl: tdb.url, port: 0, adminPort: 0, logger: log.logger, instanceId: "gw-red-cut",
      redisUrl: `redis://127.0.0.1:${relay.port}`, redisKeyPrefix: prefix, rollupIntervalMs: 250,
    });
    try {
      await waitFor("first heartbeat key", async () => (await redis.exists(names.gatewayKey("gw-red-cut"))) === 1);
      await relay.cut();
      await redis.del(names.gatewayKey("gw-red-cut"));
      for (let i = 0; i < 20; i++) assert.equal((await request(`${gw.url}/api/players/${i}`)).status, 200);
      await new Promise((r) => setTimeout(r, 1_500));
      const metrics = (await request(`${gw.adminUrl}/metrics`)).text;
      const failures = [...metrics.matchAll(/^tta_gateway_live_transport_failures_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
      assert.ok(failures >= 2, `failures counted: ${failures}`);
      const lines = (pattern: RegExp) => log.lines.filter((l) => pattern.test(String(l.msg)));
      assert.equal(lines(/^Redis \(live events\) is unavailable/).length, 1, "the live transport logs the outage once, not per failure");
      await relay.restore();
      await waitFor("heartbeat key back after the outage", async () => (await redis.exists(names.gatewayKey("gw-red-cut"))) === 1, 8_000);
      await waitFor("the recovery logged", async () => lines(/^Redis \(live events\) is back/).length === 1);
    } finally {
      await gw.close();
      await relay.close();
    }
  });
});
