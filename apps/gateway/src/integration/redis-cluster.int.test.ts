// Two gateways sharing a three-master Redis Cluster (redis-server children of this test on
// loopback, `redisCluster` as REDIS_CLUSTER_NODES gives it), real Postgres, real loopback
// upstreams: one rate limit across both, an instance registered through one served by the other,
// WebSocket rooms and a resume across gateways, one HTTP cache, live events and a breaker command.
// Where it says something, the test checks that the keys it made lie on more than one master,
// so that a key left without its hash tag would have failed here.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { IncomingMessage } from "node:http";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startDemoUpstream, type DemoUpstream } from "@tta/demo-upstreams";
import { liveRedisNames, ZBreakerCommandAck, ZGatewayLiveState, ZLiveEvent, type TBreakerCommandAck, type TLiveEvent } from "@tta/domain";
import type { Cluster } from "ioredis";
import { WebSocket } from "ws";
import { startGateway, type Gateway } from "../index.ts";
import { keySlot } from "../stores/redis/key-slot.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { sign, TEST_AUDIENCE, TEST_HMAC_SECRET, TEST_ISSUER } from "../testing/jwt.ts";
import { clusterKeys, startRedisCluster, type TestRedisCluster } from "../testing/redis-cluster.ts";
import { edgeSnapshot } from "./helpers/edge-fixtures.ts";
import { publishSnapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

const LIMIT = 20;
const ADMIN_TOKEN = "cluster-test-admin-token-0123456789";
const REGISTRATION_TOKEN = "cluster-test-registration-token-0123";

type Frame = { type: string; offset?: number | null; data?: string; room?: string; [key: string]: unknown };

/** A tta.v1 client that keeps every frame it got. */
class Client {
  frames: Frame[] = [];
  closed = false;
  constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => this.frames.push(JSON.parse(data.toString()) as Frame));
    ws.on("close", () => (this.closed = true));
    ws.on("error", () => {});
  }
  next(match: (f: Frame) => boolean): Promise<Frame> {
    return waitFor("a matching frame", async () => this.frames.find(match), 10_000);
  }
  get session(): { sessionId: string; resumeToken: string; recovered: boolean | null } {
    return this.frames.find((f) => f.type === "session") as never;
  }
  static data(f: Frame): Record<string, unknown> {
    return JSON.parse(f.data!) as Record<string, unknown>;
  }
}

async function connect(url: string, token: string, query = ""): Promise<Client> {
  const ws = new WebSocket(`${url}${query}`, ["tta.v1"], { headers: { authorization: `Bearer ${token}` } });
  const client = await new Promise<Client>((resolve, reject) => {
    ws.once("open", () => resolve(new Client(ws)));
    ws.once("unexpected-response", (_req, res: IncomingMessage) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("error", reject);
  });
  await client.next((f) => f.type === "session");
  return client;
}

/** An origin that answers every GET cacheably, counting what reaches it. */
async function cacheableOrigin() {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(200, { "content-type": "text/plain", "cache-control": "max-age=60", "surrogate-key": "chapter" }).end(`answer ${hits}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe("two gateways on a three-master Redis Cluster", () => {
  const prefix = `test:cluster:${randomBytes(4).toString("hex")}:`;
  const names = liveRedisNames(prefix);
  let cluster: TestRedisCluster;
  let raw: Cluster;
  let subscriber: Cluster;
  let tdb: TestDatabase;
  let upstreams: DemoUpstream[];
  let origin: Awaited<ReturnType<typeof cacheableOrigin>>;
  let a: Gateway;
  let b: Gateway;
  const clients: Client[] = [];
  const events: TLiveEvent[] = [];
  const acks: TBreakerCommandAck[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });
  const tokenFor = (user: string) => sign(TEST_HMAC_SECRET, { subject: user });
  const ws = (g: Gateway, path: string) => `${g.url.replace("http", "ws")}${path}`;

  /** The masters ("host:port") holding these keys, by CLUSTER SLOTS and the key's slot. */
  async function mastersOf(keys: string[]): Promise<Set<string>> {
    const slots = await raw.cluster("SLOTS");
    return new Set(
      keys.map((key) => {
        const slot = keySlot(key);
        const [, , master] = slots.find(([from, to]) => slot >= from && slot <= to)!;
        return `${master![0]}:${master![1]}`;
      }),
    );
  }

  before(async () => {
    cluster = await startRedisCluster();
    raw = cluster.client();
    subscriber = cluster.client();
    subscriber.on("message", (channel: string, message: string) => {
      if (channel === names.eventsChannel) events.push(ZLiveEvent.parse(JSON.parse(message)));
      if (channel === names.commandAcksChannel) acks.push(ZBreakerCommandAck.parse(JSON.parse(message)));
    });
    await subscriber.subscribe(names.eventsChannel, names.commandAcksChannel);
    tdb = await createTestDatabase("gwrediscluster");
    upstreams = await startUpstreams("players", "chat");
    origin = await cacheableOrigin();
    await publishSnapshot(
      tdb.db,
      edgeSnapshot({
        services: { players: [upstreams[0]!.url], chat: [upstreams[1]!.url], origin: [origin.url] },
        authPolicies: [{ name: "tta", issuer: TEST_ISSUER, audiences: [TEST_AUDIENCE], algorithms: ["HS256"], secretRef: "CLUSTER_JWT_SECRET" }],
        rateLimitPolicies: [{ name: "per-user", scope: "user", limit: LIMIT, windowSeconds: 3600, burst: 0 }],
        routes: [
          { name: "players-api", path: "/api/players/*", rewrite: "/players/*", service: "players", auth: "authenticated", authPolicy: "tta", rateLimitPolicy: "per-user" },
          { name: "open-players", path: "/open/players/*", rewrite: "/players/*", service: "players" },
          { name: "chat-ws", path: "/ws/game", service: "chat", websocket: true, auth: "authenticated", authPolicy: "tta" },
          { name: "cached", path: "/cached/*", rewrite: "/*", service: "origin", cachePolicy: { enabled: true }, retryPolicy: { attempts: 1 } },
        ],
      }),
    );
    const common = {
      databaseUrl: tdb.url,
      port: 0,
      adminPort: 0,
      logger: captureLogger("warn").logger,
      redisCluster: cluster.target,
      redisKeyPrefix: prefix,
      adminToken: ADMIN_TOKEN,
      registrationToken: REGISTRATION_TOKEN,
      discoveryRefreshMs: 200,
      rollupIntervalMs: 250,
      jwtSecrets: new Map([["CLUSTER_JWT_SECRET", TEST_HMAC_SECRET]]),
    };
    a = await startGateway({ ...common, instanceId: "gw-cluster-a" });
    b = await startGateway({ ...common, instanceId: "gw-cluster-b" });
  });

  after(async () => {
    for (const c of clients) c.ws.terminate();
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all([...(upstreams ?? []).map((u) => u.close()), origin?.close()]);
    agent.destroy();
    await cluster?.stop();
    await tdb?.drop();
  });

  test("both gateways run on the cluster: live mode redis, heartbeat keys and the gateways set, events of both on the channel", async () => {
    assert.deepEqual([a.liveMode, b.liveMode], ["redis", "redis"]);
    await waitFor("both in the gateways set", async () => (await raw.smembers(names.gatewaysSet)).length === 2);
    assert.deepEqual((await raw.smembers(names.gatewaysSet)).sort(), ["gw-cluster-a", "gw-cluster-b"]);
    for (const g of [a, b]) assert.equal(ZGatewayLiveState.parse(JSON.parse((await raw.get(names.gatewayKey(g.instanceId)))!)).heartbeat.gatewayId, g.instanceId);
    await request(`${b.url}/open/players/1`);
    await waitFor("heartbeats from both and b's roll-up", async () =>
      new Set(events.filter((e) => e.type === "gateway.heartbeat").map((e) => e.gatewayId)).size === 2 &&
      events.some((e) => e.type === "traffic.rollup" && e.gatewayId === "gw-cluster-b" && e.routes.some((r) => r.route === "open-players")),
    );
  });

  test(`one rate limit across both: a concurrent burst of 80 for one user passes exactly ${LIMIT}; users' counters lie on several masters`, async () => {
    const headers = { authorization: `Bearer ${await tokenFor("usr_burst")}` };
    const warm = { authorization: `Bearer ${await tokenFor("usr_warm")}` };
    await Promise.all([a, b, a, b].map((g) => request(`${g.url}/api/players/warm`, { headers: warm, agent }))); // sockets and compiled keys first, so the burst is a burst
    const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => request(`${[a, b][i % 2]!.url}/api/players/1`, { headers, agent })));
    assert.equal(answers.filter((r) => r.status === 200).length, LIMIT);
    assert.equal(answers.filter((r) => r.status === 429).length, 80 - LIMIT);
    for (const i of [0, 1]) {
      const mine = answers.filter((_, k) => k % 2 === i);
      assert.ok(mine.some((r) => r.status === 200) && mine.some((r) => r.status === 429), `gateway ${i} took part`);
    }
    const users = Array.from({ length: 10 }, () => `usr_${randomBytes(6).toString("hex")}`);
    for (const [i, user] of users.entries()) assert.equal((await request(`${[a, b][i % 2]!.url}/api/players/1`, { headers: { authorization: `Bearer ${await tokenFor(user)}` }, agent })).status, 200);
    const keys = await clusterKeys(raw, `${prefix}ratelimit:*`);
    for (const user of [...users, "usr_burst"]) assert.ok(keys.includes(`${prefix}ratelimit:user:${user}:players-api`), user);
    assert.ok((await mastersOf(keys)).size > 1, "the counters are spread over the masters");
  });

  test("the registry: an instance registered through a's registration API is served by b", async () => {
    const extra = await startDemoUpstream({ name: "players", instance: "players-registered" });
    try {
      const registered = await request(`${a.adminUrl}/registry/instances`, {
        method: "POST",
        headers: { authorization: `Bearer ${REGISTRATION_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ service: "players", url: extra.url, ttlSeconds: 30 }),
      });
      assert.equal(registered.status, 201);
      await waitFor("b to list it", async () => b.upstreamState.instances().some((i) => i.service === "players" && i.instance === extra.url && i.source === "registered"), 5_000);
      const served = new Set<string>();
      for (let i = 0; i < 8; i++) served.add((await request(`${b.url}/open/players/${i}`)).json().instance);
      assert.deepEqual([...served].sort(), ["players-1", "players-registered"], "b routes to the static and the registered instance");
      assert.equal(await raw.hexists(`${prefix}services:players`, registered.json().instanceId), 1);
      const gone = await request(`${b.adminUrl}/registry/instances`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${REGISTRATION_TOKEN}`, "content-type": "application/json", "content-length": String(JSON.stringify({ service: "players", instanceId: registered.json().instanceId }).length) },
        body: JSON.stringify({ service: "players", instanceId: registered.json().instanceId }),
      });
      assert.equal(gone.status, 200);
      await waitFor("a to drop it", async () => !a.upstreamState.instances().some((i) => i.instance === extra.url), 5_000);
    } finally {
      await extra.close();
    }
  });

  test("WebSocket rooms: a broadcast reaches the members on both gateways, from the upstream and from the admin API", async () => {
    const token = await tokenFor("usr_room");
    const onA = await connect(ws(a, "/ws/game"), token);
    const onB = await connect(ws(b, "/ws/game"), token);
    clients.push(onA, onB);
    for (const c of [onA, onB]) {
      c.ws.send("/join lobby");
      await c.next((f) => f.type === "message" && Client.data(f).kind === "reply" && /joined lobby/.test(String(Client.data(f).text)));
    }
    onA.ws.send("/say lobby hello from a");
    for (const c of [onA, onB]) assert.deepEqual(Client.data(await c.next((f) => f.type === "message" && f.room === "lobby")), { kind: "room", room: "lobby", from: "usr_room", text: "hello from a" });
    for (let i = 0; i < 10; i++) {
      const answer = await fetch(`${b.adminUrl}/ws/rooms/lobby/messages`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ data: `notice ${i}` }) });
      assert.equal(answer.status, 202);
    }
    for (const c of [onA, onB]) {
      await c.next((f) => f.room === "lobby" && f.data === "notice 9");
      assert.deepEqual(c.frames.filter((f) => f.room === "lobby" && String(f.data).startsWith("notice")).map((f) => f.data), Array.from({ length: 10 }, (_, i) => `notice ${i}`), "in the order they were sent");
    }
    const sessions = [onA, onB].map((c) => c.session.sessionId);
    for (const id of sessions) assert.equal(await raw.cluster("KEYSLOT", `${prefix}ws:session:{${id}}`), await raw.cluster("KEYSLOT", `${prefix}ws:session:{${id}}:out`));
  });

  test("a client cut off on a resumes on b with every missed frame, in order (the session's stream on the cluster)", async () => {
    const token = await tokenFor("usr_resume");
    const client = await connect(ws(a, "/ws/game"), token);
    const { sessionId, resumeToken } = client.session;
    client.ws.send("/burst 30");
    const tenth = await client.next((f) => f.type === "message" && Client.data(f).seq === 10);
    (client.ws as unknown as { _socket: { destroy(): void } })._socket.destroy();
    await waitFor("a to keep the whole burst", async () => {
      const info = (await (await fetch(`${a.adminUrl}/ws/sessions/${sessionId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { session: { lastOffset: number } };
      return info.session.lastOffset >= (tenth.offset as number) + 20;
    }, 10_000);
    const resumed = await connect(ws(b, "/ws/game"), token, `?resume=${encodeURIComponent(resumeToken)}&offset=${tenth.offset}`);
    clients.push(resumed);
    assert.equal(resumed.session.sessionId, sessionId);
    assert.equal(resumed.session.recovered, true);
    await resumed.next((f) => f.type === "message" && Client.data(f).seq === 30);
    const replies = resumed.frames.filter((f) => f.type === "message" && Client.data(f).kind === "reply").map((f) => Client.data(f).seq);
    assert.deepEqual(replies.slice(0, 20), Array.from({ length: 20 }, (_, i) => i + 11));
    const sessionKeys = await clusterKeys(raw, `${prefix}ws:session:*`);
    assert.ok(sessionKeys.length >= 6, `the sessions' hashes and streams: ${sessionKeys.length}`);
  });

  test("one HTTP cache: stored through a, a hit on b; a purge through b empties it for a; its shards lie on several masters", async () => {
    const stats = () => request(`${a.adminUrl}/cache/stats`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }).then((r) => r.json() as { kind: string; entries: number });
    const site = { headers: { host: "story.tta.test" } }; // the host is part of the key: both gateways are asked for one site
    const first = await request(`${a.url}/cached/chapter-1`, site);
    assert.match(String(first.headers["cache-status"]), /stored/);
    await waitFor("the answer stored (the put ends after the answer)", async () => (await stats()).entries === 1);
    const second = await request(`${b.url}/cached/chapter-1`, site);
    assert.match(String(second.headers["cache-status"]), /^tta-gateway; hit/);
    assert.deepEqual([second.text, origin.hits()], [first.text, 1]);
    for (let i = 0; i < 30; i++) await request(`${[a, b][i % 2]!.url}/cached/page-${i}`, site);
    await waitFor("31 answers stored, counted over every shard", async () => (await stats()).entries === 31);
    assert.equal((await stats()).kind, "redis");
    const cacheKeys = await clusterKeys(raw, `${prefix}cache:*`);
    assert.ok((await mastersOf(cacheKeys)).size > 1, "cache shards on more than one master");
    const purged = await request(`${b.adminUrl}/cache/purge`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ tag: "chapter" }) });
    assert.deepEqual([purged.status, purged.json().purged], [200, 31]);
    const after = await request(`${a.url}/cached/chapter-1`, site);
    assert.match(String(after.headers["cache-status"]), /fwd=uri-miss/);
    const all = await request(`${a.adminUrl}/cache/purge`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ all: true }) });
    assert.deepEqual([all.status, all.json().purged], [200, 1]);
    assert.deepEqual(await clusterKeys(raw, `${prefix}cache:*`), [], "purge all reached every master");
  });

  test("a breaker command published once on the cluster reaches both gateways: one ack each", async () => {
    const command = { service: "players", instance: upstreams[0]!.url, action: "force_open", correlationId: `req_${randomBytes(6).toString("hex")}` };
    await raw.publish(names.commandsChannel, JSON.stringify(command)); // any node: the cluster relays it to every node
    const mine = await waitFor("two acks", async () => {
      const found = acks.filter((x) => x.correlationId === command.correlationId);
      return found.length === 2 ? found : null;
    });
    assert.deepEqual(mine.map((x) => [x.gatewayId, x.applied]).sort(), [["gw-cluster-a", true], ["gw-cluster-b", true]]);
    assert.equal((await request(`${a.url}/open/players/1`)).json().error.code, "GW_BREAKER_OPEN");
    await raw.publish(names.commandsChannel, JSON.stringify({ ...command, action: "reset", correlationId: `${command.correlationId}-r` }));
    await waitFor("reset on both", async () => acks.filter((x) => x.correlationId === `${command.correlationId}-r`).length === 2);
    assert.equal(await raw.hget(names.forcedBreakers, `players|${upstreams[0]!.url}`), null);
  });
});
