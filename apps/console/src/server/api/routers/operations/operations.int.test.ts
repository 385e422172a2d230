// The operations procedures through createCaller, in cluster mode: two real gateways and the
// console on one real Redis (own key prefix), a seeded database. Who may call what, the state of
// both gateways, the event subscription, and forceBreaker applied by both and audited.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { liveRedisNames, type TGatewayLiveState, type TLiveEvent } from "@tta/domain";
import { createLogger, startGateway, type Gateway } from "@tta/gateway";
import { Redis } from "ioredis";
import type { SessionUser } from "../../../auth/session-user.ts";
import type { LiveLog, LiveSource } from "../../../live/live-source.ts";
import { createRedisLiveSource } from "../../../live/redis-source.ts";
import { createCaller } from "../../root.ts";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:ops:${randomBytes(4).toString("hex")}:`;
const names = liveRedisNames(prefix);
const silent: LiveLog = { info() {}, warn() {}, error() {} };

describe("operations.* (Redis mode)", () => {
  let env: ConsoleTestEnv;
  let gateways: Gateway[];
  let live: LiveSource;
  let redis: Redis;
  const as = (user: SessionUser) => createCaller({ db: env.db, user, live });

  before(async () => {
    env = await setupConsoleTest("console_operations");
    gateways = await Promise.all(
      ["gw-ops-1", "gw-ops-2"].map((instanceId) =>
        startGateway({
          databaseUrl: env.tdb.url, port: 0, adminPort: 0, instanceId, redisUrl: REDIS_URL, redisKeyPrefix: prefix, rollupIntervalMs: 250,
          logger: createLogger({ level: "silent", instanceId }),
        }),
      ),
    );
    live = createRedisLiveSource({ url: REDIS_URL, keyPrefix: prefix, log: silent });
    redis = new Redis(REDIS_URL);
  });

  after(async () => {
    await live?.close();
    await Promise.all((gateways ?? []).map((g) => g.close()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis?.disconnect();
    await env?.tdb.drop();
  });

  it("operations.state: both gateways on the one Redis, live, with their instances", async () => {
    const views = await as(env.users.operator).operations.state();
    assert.deepEqual(views.map((v) => [v.heartbeat.gatewayId, v.heartbeat.mode, v.stale]), [["gw-ops-1", "redis", false], ["gw-ops-2", "redis", false]]);
    for (const v of views) assert.ok(v.instances.some((i) => i.service === "players"), "seeded services are known");
    assert.equal((await as(env.users.admin).operations.state()).length, 2);
  });

  it("operations.events: an admin's subscription gets both gateways' heartbeats, with tracked ids", async () => {
    const stream = (await as(env.users.admin).operations.events()) as AsyncIterable<unknown>;
    const seen = new Map<string, string>();
    for await (const item of stream) {
      const [id, event] = item as [string, TLiveEvent];
      assert.match(id, /^[0-9a-f]{8}-\d+$/);
      if (event.type === "gateway.heartbeat") seen.set(event.gatewayId, id);
      if (seen.size === 2) break; // ends the generator: its subscription goes too
    }
    assert.deepEqual([...seen.keys()].sort(), ["gw-ops-1", "gw-ops-2"]);
  });

  it("operations.trafficHistory: both gateways' kept roll-ups (from their advertised admin URLs), with status classes", async () => {
    for (const g of gateways) for (let i = 0; i < 3; i++) await fetch(`${g.url}/nowhere/${i}`).then((r) => r.arrayBuffer());
    const api = as(env.users.operator);
    const deadline = Date.now() + 3_000;
    let result = await api.operations.trafficHistory({ range: "5m" });
    const unmatched = () => result.gateways.map((h) => h.rollups.flatMap((r) => r.routes).filter((r) => r.unmatched).reduce((n, r) => n + (r.status4xx ?? 0), 0));
    while (unmatched().some((n) => n < 3) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      result = await api.operations.trafficHistory({ range: "5m" });
    }
    assert.deepEqual(result.gateways.map((h) => h.gatewayId), ["gw-ops-1", "gw-ops-2"]);
    assert.deepEqual(unmatched(), [3, 3], "each gateway's 404s for paths no route matches");
    assert.deepEqual(result.unreachable, []);
    assert.equal((await refusal(as(env.users.clinician).operations.trafficHistory({ range: "1h" }))).code, "FORBIDDEN");
    assert.equal((await refusal(api.operations.trafficHistory({ range: "2d" as "1h" }))).code, "BAD_REQUEST");
  });

  it("refuses clinicians every operations procedure (FORBIDDEN) and writes nothing", async () => {
    const api = as(env.users.clinician);
    const audits = await env.db.auditLog.count();
    assert.equal((await refusal(api.operations.state())).code, "FORBIDDEN");
    assert.equal((await refusal(api.operations.events())).code, "FORBIDDEN");
    const refused = await refusal(api.operations.forceBreaker({ service: "players", instance: "http://127.0.0.1:4102", action: "force_open" }));
    assert.equal(refused.code, "FORBIDDEN");
    assert.match(refused.error.message, /admin or operator/);
    assert.equal(await env.db.auditLog.count(), audits);
    for (const g of gateways) assert.ok(g.upstreamState.instances().every((i) => i.breaker.forced === "none"));
  });

  it("operations.forceBreaker: an operator forces a breaker open on both gateways, audited with before and after", async () => {
    const target = (await as(env.users.operator).operations.state())[0]!.instances.find((i) => i.service === "players")!;
    const result = await as(env.users.operator).operations.forceBreaker({ service: "players", instance: target.instance, action: "force_open" });
    assert.equal(result.reached, 2);
    assert.equal(result.applied, 2);
    assert.deepEqual(result.acks.map((a) => a.gatewayId).sort(), ["gw-ops-1", "gw-ops-2"]);
    assert.match(result.correlationId, /^req_/);
    for (const g of gateways) {
      const i = g.upstreamState.instances().find((x) => x.service === "players" && x.instance === target.instance)!;
      assert.deepEqual([i.breaker.state, i.breaker.forced], ["open", "open"], g.instanceId);
    }

    const row = await env.db.auditLog.findFirstOrThrow({ where: { correlationId: result.correlationId } });
    assert.equal(row.action, "breaker.force");
    assert.equal(row.entityType, "breaker");
    assert.equal(row.entityId, `players|${target.instance}`);
    assert.equal(row.actorId, env.users.operator.id);
    assert.equal(row.actorLabel, env.users.operator.email);
    assert.deepEqual(row.before, {
      gateways: [
        { gatewayId: "gw-ops-1", state: "closed", forced: "none", stale: false },
        { gatewayId: "gw-ops-2", state: "closed", forced: "none", stale: false },
      ],
    });
    assert.deepEqual({ ...(row.after as object), appliedBy: ((row.after as { appliedBy: string[] }).appliedBy).sort() }, {
      action: "force_open", forced: "open", reached: 2, applied: 2, appliedBy: ["gw-ops-1", "gw-ops-2"],
    });

    // The forced state is what the next heartbeat stores, for the console's next read.
    const stored = JSON.parse((await redis.get(names.gatewayKey("gw-ops-2")))!) as TGatewayLiveState;
    const deadline = Date.now() + 2_000;
    let forced = stored.instances.find((i) => i.instance === target.instance)?.breaker.forced;
    while (forced !== "open" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      const views = await as(env.users.operator).operations.state();
      forced = views[1]!.instances.find((i) => i.service === "players" && i.instance === target.instance)?.breaker.forced;
    }
    assert.equal(forced, "open");

    const reset = await as(env.users.admin).operations.forceBreaker({ service: "players", instance: target.instance, action: "reset" });
    assert.equal(reset.applied, 2);
    assert.equal((await env.db.auditLog.count({ where: { action: "breaker.force" } })), 2);
  });

  it("a command for an instance no gateway knows reaches both, is applied by none, and is still audited", async () => {
    const result = await as(env.users.admin).operations.forceBreaker({ service: "players", instance: "http://127.0.0.1:1", action: "force_closed" });
    assert.deepEqual([result.reached, result.applied], [2, 0]);
    const row = await env.db.auditLog.findFirstOrThrow({ where: { correlationId: result.correlationId } });
    assert.deepEqual(row.before, { gateways: [] });
  });

  it("a gateway whose heartbeat stopped is marked stale, and stays listed after its key expires", async () => {
    const ghost: TGatewayLiveState = { ...JSON.parse((await redis.get(names.gatewayKey("gw-ops-1")))!), instances: [], traffic: null };
    ghost.heartbeat = { ...ghost.heartbeat, gatewayId: "gw-ghost", at: Date.now() - 4_000 };
    await redis.multi().set(names.gatewayKey("gw-ghost"), JSON.stringify(ghost), "PX", 5_000).sadd(names.gatewaysSet, "gw-ghost").exec();
    const api = as(env.users.operator);
    assert.deepEqual((await api.operations.state()).map((v) => [v.heartbeat.gatewayId, v.stale]), [["gw-ghost", true], ["gw-ops-1", false], ["gw-ops-2", false]]);
    await redis.del(names.gatewayKey("gw-ghost"));
    assert.deepEqual((await api.operations.state()).map((v) => [v.heartbeat.gatewayId, v.stale]), [["gw-ghost", true], ["gw-ops-1", false], ["gw-ops-2", false]]);
    // An id in the set that nobody remembers and whose key is gone is tidied away.
    await redis.sadd(names.gatewaysSet, "gw-never-seen");
    await api.operations.state();
    assert.equal(await redis.sismember(names.gatewaysSet, "gw-never-seen"), 0);
  });

  it("answers 503 SERVICE_UNAVAILABLE when Redis itself is unreachable", async () => {
    const down = createRedisLiveSource({ url: "redis://127.0.0.1:1", keyPrefix: prefix, log: silent });
    try {
      const refused = await refusal(createCaller({ db: env.db, user: env.users.operator, live: down }).operations.state());
      assert.equal(refused.code, "SERVICE_UNAVAILABLE");
      assert.match(refused.error.message, /Redis is unreachable/);
    } finally {
      await down.close();
    }
  });
});
