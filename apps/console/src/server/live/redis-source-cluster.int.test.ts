// The console's live source on a three-master Redis Cluster (redis-server children of this test),
// with two real gateways on it: the state of both (their heartbeat keys lie in several slots), their
// events, and a breaker command that counts every gateway it reached although each listens on a
// node of its own (PUBLISH on a cluster counts only the receiving node's subscribers).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import type { TLiveEvent } from "@tta/domain";
import { createLogger, startGateway, type Gateway } from "@tta/gateway";
import { startRedisCluster, type TestRedisCluster } from "@tta/gateway/testing/redis-cluster";
import type { LiveLog, LiveSource } from "./live-source.ts";
import { createRedisLiveSource } from "./redis-source.ts";

const silent: LiveLog = { info() {}, warn() {}, error() {} };

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the console's live source on a Redis Cluster", () => {
  const prefix = `test:console-cluster:${randomBytes(4).toString("hex")}:`;
  let cluster: TestRedisCluster;
  let tdb: TestDatabase;
  let gateways: Gateway[] = [];
  let live: LiveSource;

  before(async () => {
    cluster = await startRedisCluster();
    tdb = await createTestDatabase("console_live_cluster");
    gateways = await Promise.all(
      ["gw-cc-1", "gw-cc-2"].map((instanceId) =>
        startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, instanceId, redisCluster: cluster.target, redisKeyPrefix: prefix, rollupIntervalMs: 250, logger: createLogger({ level: "silent", instanceId }) }),
      ),
    );
    live = createRedisLiveSource({ cluster: cluster.target, keyPrefix: prefix, log: silent });
  });

  after(async () => {
    await live?.close();
    await Promise.all(gateways.map((g) => g.close()));
    await cluster?.stop();
    await tdb?.drop();
  });

  it("state() reads both gateways, events arrive, and a breaker command reaches both and is acknowledged by each", async () => {
    const views = await until("both gateways", async () => {
      const v = await live.state();
      return v.length === 2 ? v : null;
    });
    assert.deepEqual(views.map((v) => [v.heartbeat.gatewayId, v.heartbeat.mode, v.stale]).sort(), [["gw-cc-1", "redis", false], ["gw-cc-2", "redis", false]]);

    const seen: TLiveEvent[] = [];
    const stop = live.subscribe((envelope) => void seen.push(envelope.event));
    try {
      await until("heartbeats of both", async () => new Set(seen.filter((e) => e.type === "gateway.heartbeat").map((e) => e.gatewayId)).size === 2);
    } finally {
      stop();
    }

    // A gateway of the test's own config has no instance; the command is about any service/instance name.
    const result = await live.sendBreakerCommand({ service: "players", instance: "http://127.0.0.1:4102", action: "reset", correlationId: `req_${randomBytes(6).toString("hex")}` });
    assert.equal(result.reached, 2, "counted over every node");
    assert.deepEqual(result.acks.map((a) => a.gatewayId).sort(), ["gw-cc-1", "gw-cc-2"]);
  });
});
