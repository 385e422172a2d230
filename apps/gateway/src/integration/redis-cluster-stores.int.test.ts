// Every Redis store's contract suite on a real three-master Redis Cluster (redis-server children of
// this test on loopback), through the gateway's own cluster connection; plus what only a cluster
// shows: keys of one script sharing a slot, the keys of many subjects spread over the masters, a
// master that lost its scripts, the cache's purges and counters over every master, and pub/sub
// across nodes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { Cluster } from "ioredis";
import { forcedBreakersContract } from "../stores/forced-breakers/forced-breakers.contract.ts";
import { createRedisForcedBreakers } from "../stores/forced-breakers/redis.ts";
import { answer, httpCacheStoreContract } from "../stores/http-cache/http-cache-store.contract.ts";
import { CLUSTER_CACHE_SHARDS, createRedisHttpCacheStore } from "../stores/http-cache/redis.ts";
import { rateLimitContract } from "../stores/rate-limit/rate-limit.contract.ts";
import { createRedisRateLimitStore } from "../stores/rate-limit/redis.ts";
import { connectRedis, type RedisConnection } from "../stores/redis/connection.ts";
import { keySlot } from "../stores/redis/key-slot.ts";
import { createRedisRegistry } from "../stores/registry/redis.ts";
import { registryContract } from "../stores/registry/registry.contract.ts";
import { createRedisWsBus } from "../stores/ws-bus/redis.ts";
import { createRedisSessionStore } from "../stores/ws-sessions/redis.ts";
import { sessionStoreContract } from "../stores/ws-sessions/session-store.contract.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { clusterKeys, startRedisCluster, type TestRedisCluster } from "../testing/redis-cluster.ts";
import { waitFor } from "./helpers/fixtures.ts";

const log = captureLogger("warn").logger;
// Started once for the file; every suite's make() waits for it.
const started: Promise<{ cluster: TestRedisCluster; connection: RedisConnection; raw: Cluster }> = (async () => {
  const cluster = await startRedisCluster();
  const connection = await connectRedis({ cluster: cluster.target, log, startupWaitMs: 10_000 });
  return { cluster, connection, raw: cluster.client() };
})();
started.catch(() => {}); // the suites that wait for it report the failure
const prefixOf = (what: string) => `test:${what}:${randomBytes(4).toString("hex")}:`;
const gateway = async () => (await started).connection;

after(async () => {
  const { cluster, connection } = await started;
  await connection.close();
  await cluster.stop();
});

/** The masters (by "host:port") that hold the given keys. */
async function mastersOf(raw: Cluster, keys: string[]): Promise<Set<string>> {
  const slots = await raw.cluster("SLOTS");
  const owner = (slot: number) => {
    const [, , master] = slots.find(([from, to]) => slot >= from && slot <= to)!;
    return `${master![0]}:${master![1]}`;
  };
  return new Set(keys.map((k) => owner(keySlot(k))));
}

rateLimitContract("redis cluster", async () => ({ store: createRedisRateLimitStore((await gateway()).client, prefixOf("rl")), close: async () => {} }));
registryContract("redis cluster", async () => ({ registry: createRedisRegistry((await gateway()).client, prefixOf("reg")), close: async () => {} }));
forcedBreakersContract("redis cluster", async () => ({ store: createRedisForcedBreakers((await gateway()).client, prefixOf("fb")), close: async () => {} }));
sessionStoreContract("redis cluster", async () => ({ store: createRedisSessionStore((await gateway()).client, prefixOf("ws")), close: async () => {} }));
httpCacheStoreContract("redis cluster", async () => {
  const store = createRedisHttpCacheStore((await gateway()).client, prefixOf("cache"), { shards: CLUSTER_CACHE_SHARDS });
  return { store, close: () => store.close() };
});

describe("what only a cluster shows", () => {
  let raw: Cluster;
  let connection: RedisConnection;
  before(async () => {
    ({ raw, connection } = await started);
  });

  test("the connection is a cluster of three masters, and this machine's CRC16 agrees with CLUSTER KEYSLOT", async () => {
    assert.equal(connection.cluster, true);
    assert.equal(connection.ready(), true);
    assert.equal(raw.nodes("master").length, 3);
    for (const key of ["ratelimit:user:usr_1:players-api", "ws:session:{ses_1}:out", "cache:{7}:abc", "x{}y", "ünï{cödé}"]) {
      assert.equal(keySlot(key), await raw.cluster("KEYSLOT", key), key);
    }
  });

  test("rate-limit keys of many subjects spread over more than one master, each decided on its own master", async () => {
    const prefix = prefixOf("rl-spread");
    const store = createRedisRateLimitStore(connection.client, prefix);
    // Random ids, as users have: CRC16 is linear, so names that differ in one character (usr_1,
    // usr_2…) often share the top bits of their slot, and with them one master.
    const keys = Array.from({ length: 12 }, () => `ratelimit:user:usr_${randomBytes(6).toString("hex")}:players-api`);
    for (const key of keys) {
      const r = { key, limit: 2, windowMs: 60_000, burst: 0 };
      assert.deepEqual([(await store.take(r)).allowed, (await store.take(r)).allowed, (await store.take(r)).allowed], [true, true, false], key);
    }
    const stored = await clusterKeys(raw, `${prefix}*`);
    assert.deepEqual(stored.sort(), keys.map((k) => prefix + k).sort());
    assert.ok((await mastersOf(raw, stored)).size > 1, "on more than one master");
  });

  test("a master that lost its scripts (SCRIPT FLUSH) loads them again and keeps counting", async () => {
    const store = createRedisRateLimitStore(connection.client, prefixOf("rl-flush"));
    const r = { key: "ratelimit:user:flush:players-api", limit: 2, windowMs: 60_000, burst: 0 };
    assert.equal((await store.take(r)).allowed, true);
    await Promise.all(raw.nodes("master").map((node) => node.script("FLUSH")));
    assert.equal((await store.take(r)).allowed, true);
    assert.equal((await store.take(r)).allowed, false);
  });

  test("a session's hash and stream share a slot; sessions spread; a room's frames over many masters are kept in one call", async () => {
    const prefix = prefixOf("ws-slots");
    const store = createRedisSessionStore(connection.client, prefix);
    const ids = Array.from({ length: 8 }, () => `ses_${randomBytes(8).toString("base64url")}`);
    for (const id of ids) {
      await store.create({ id, userId: null, subject: "ip:127.0.0.1", route: "chat-ws", epoch: "e", tokenHash: "h", rooms: ["lobby"], crisisEventId: null, owner: "gw-a", createdAt: 1 }, 60_000);
    }
    const limits = { maxFrames: 10, ttlMs: 60_000 };
    const kept = await store.keep([...ids.map((sessionId) => ({ sessionId, offset: 1, body: '{"type":"message"}', limits })), { sessionId: ids[0]!, offset: 1, body: "{}", limits }, { sessionId: ids[0]!, offset: 2, body: "{}", limits }]);
    assert.deepEqual(kept, [...ids.map(() => true), false, true], "the taken offset refused, the next one kept, in order");
    for (const id of ids) assert.equal(await raw.cluster("KEYSLOT", `${prefix}ws:session:{${id}}`), await raw.cluster("KEYSLOT", `${prefix}ws:session:{${id}}:out`));
    const stored = await clusterKeys(raw, `${prefix}ws:session:*`);
    assert.equal(stored.length, ids.length * 2, "a hash and a stream per session");
    assert.ok((await mastersOf(raw, stored)).size > 1, "sessions on more than one master");
    assert.equal((await store.after(ids[0]!, 0, 60_000)).last, 2);
  });

  test("the cache's shards lie on every master; purges, stats and purgeAll reach all of them", async () => {
    const prefix = prefixOf("cache-shards");
    const store = createRedisHttpCacheStore(connection.client, prefix, { shards: CLUSTER_CACHE_SHARDS });
    const keys = Array.from({ length: 64 }, (_, i) => `GET players-api /players/${i}`);
    for (const [i, key] of keys.entries()) await store.put(key, answer({ tags: ["players", `player:${i}`], userId: i % 2 ? "usr_odd" : null }), { keepMs: 60_000 });
    const stored = await clusterKeys(raw, `${prefix}cache:*`);
    assert.equal(await mastersOf(raw, stored).then((m) => m.size), 3, "every master holds some of the cache");
    assert.equal((await store.stats()).entries, 64, "counted over every shard");
    assert.equal(await store.purgeTag("player:3"), 1);
    assert.equal(await store.purgeUser("usr_odd"), 31, "the odd ones but player 3, wherever they lie");
    assert.equal(await store.purgeRoute("players-api"), 32);
    assert.deepEqual(await store.stats(), { entries: 0, bytes: 0 });
    for (const key of keys.slice(0, 10)) await store.put(key, answer(), { keepMs: 60_000 });
    assert.equal(await store.purgeAll(), 10);
    assert.deepEqual(await clusterKeys(raw, `${prefix}*`), [], "nothing left on any master");
  });

  test("pub/sub across nodes: a publish through the gateway's client reaches a subscriber wherever it listens, in order", async () => {
    const prefix = prefixOf("bus");
    const a = createRedisWsBus(connection.client, prefix, log);
    const b = createRedisWsBus(connection.client, prefix, log);
    const got: string[] = [];
    try {
      await b.subscribe("room:lobby", (m) => got.push(m));
      for (let i = 0; i < 20; i++) await a.publish("room:lobby", `m${i}`);
      await waitFor("all 20 messages", async () => got.length === 20, 5_000);
      assert.deepEqual(got, Array.from({ length: 20 }, (_, i) => `m${i}`));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
