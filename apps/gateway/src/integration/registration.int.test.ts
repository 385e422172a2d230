// The service registry end to end: instances register through a gateway's admin API (Bearer
// token), heartbeat, expire and deregister; two gateways sharing one Redis (same prefix) both
// route an instance registered once; when Redis goes away a gateway keeps routing with its cached
// list (logged once, counted). A gateway without Redis keeps the registry in process.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { Redis } from "ioredis";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { startFlakyUpstream, type FlakyUpstream } from "./helpers/flaky-upstream.ts";
import { publishSnapshot, snapshot, waitFor } from "./helpers/fixtures.ts";
import { request, type TestResponse } from "./helpers/http-client.ts";
import { startTcpRelay, type TcpRelay } from "./helpers/tcp-relay.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:registry:${randomBytes(4).toString("hex")}:`;
const TOKEN = "registration-test-token-0123456789";
const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };

function call(g: Gateway, method: string, body: unknown, headers: Record<string, string> = auth): Promise<TestResponse> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  // node frames a DELETE body only with an explicit length (fetch always sends one)
  return request(`${g.adminUrl}/registry/instances`, { method, headers: { ...headers, "content-length": String(Buffer.byteLength(text)) }, body: text });
}

describe("service registry: registration API, two gateways on one Redis", () => {
  let tdb: TestDatabase;
  let gwA: Gateway;
  let gwB: Gateway;
  let relay: TcpRelay;
  let redis: Redis;
  let fixed: FlakyUpstream;
  let reg1: FlakyUpstream;
  let reg2: FlakyUpstream;
  const logB = captureLogger("info");
  const listed = (g: Gateway, u: FlakyUpstream) => g.upstreamState.instances().find((i) => i.service === "players" && i.instance === u.url);
  const servedBy = async (g: Gateway, n: number) => {
    const names = new Set<string>();
    for (let i = 0; i < n; i++) names.add((await request(`${g.url}/api/players/${i}`)).json().instance);
    return names;
  };

  before(async () => {
    tdb = await createTestDatabase("gwregistry");
    [fixed, reg1, reg2] = await Promise.all([startFlakyUpstream("players-static"), startFlakyUpstream("players-reg-1"), startFlakyUpstream("players-reg-2")]);
    await publishSnapshot(tdb.db, snapshot({ players: [fixed.url] }, [{ name: "players-api", path: "/api/players/*", service: "players" }]));
    redis = new Redis(REDIS_URL);
    relay = await startTcpRelay({ host: "127.0.0.1", port: Number(new URL(REDIS_URL).port || 6379) });
    const common = { databaseUrl: tdb.url, port: 0, adminPort: 0, redisKeyPrefix: prefix, registrationToken: TOKEN, discoveryRefreshMs: 200 };
    gwA = await startGateway({ ...common, instanceId: "gw-reg-a", redisUrl: REDIS_URL, logger: captureLogger("warn").logger });
    gwB = await startGateway({ ...common, instanceId: "gw-reg-b", redisUrl: `redis://127.0.0.1:${relay.port}`, logger: logB.logger });
  });

  after(async () => {
    await Promise.all([gwA?.close(), gwB?.close()]);
    await relay?.close();
    await Promise.all([fixed, reg1, reg2].map((u) => u?.close()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await tdb?.drop();
  });

  test("registration needs the token: 401 with a code and the correlation id; 503 where no token is set", async () => {
    const none = await call(gwA, "POST", { service: "players", url: reg1.url }, { "content-type": "application/json", "x-request-id": "trace-reg-00001" });
    assert.equal(none.status, 401);
    assert.deepEqual(none.json().error, { code: "GW_REGISTRATION_UNAUTHORIZED", message: none.json().error.message, retryable: false, correlationId: "trace-reg-00001" });
    assert.match(String(none.headers["www-authenticate"]), /^Bearer/);
    const wrong = await call(gwA, "POST", { service: "players", url: reg1.url }, { authorization: "Bearer not-the-token-at-all-000", "content-type": "application/json" });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json().error.code, "GW_REGISTRATION_UNAUTHORIZED");
    const closed = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, instanceId: "gw-reg-closed", logger: captureLogger("warn").logger });
    try {
      const disabled = await call(closed, "POST", { service: "players", url: reg1.url });
      assert.equal(disabled.status, 503);
      assert.equal(disabled.json().error.code, "GW_REGISTRATION_DISABLED");
    } finally {
      await closed.close();
    }
    assert.equal((await call(gwA, "GET", "")).status, 405);
  });

  test("bad bodies: 400 GW_REGISTRATION_INVALID with the fields", async () => {
    const bad = await call(gwA, "POST", { service: "Players!", url: "ftp://x", weight: 0, extra: true });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().error.code, "GW_REGISTRATION_INVALID");
    const paths = bad.json().error.details.fields.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(paths, ["", "service", "url", "weight"].sort());
    assert.equal((await call(gwA, "POST", "{not json")).json().error.code, "GW_REGISTRATION_INVALID");
    assert.equal((await call(gwA, "PUT", { service: "players", instanceId: "nope" })).status, 400);
  });

  test("an instance registered once, through A, is routed by A at once and by B after its refresh", async () => {
    const res = await call(gwA, "POST", { service: "players", url: reg1.url, weight: 2, metadata: { zone: "a" }, ttlSeconds: 30 });
    assert.equal(res.status, 201);
    const body = res.json();
    assert.match(body.instanceId, /^ins_[0-9a-z]{22}$/);
    assert.deepEqual({ ...body, instanceId: "-" }, { instanceId: "-", service: "players", url: reg1.url, weight: 2, metadata: { zone: "a" }, ttlSeconds: 30, heartbeatIntervalSeconds: 10, routed: true });
    assert.deepEqual({ source: listed(gwA, reg1)?.source, weight: listed(gwA, reg1)?.weight }, { source: "registered", weight: 2 });
    assert.equal(listed(gwA, fixed)?.source, "static");
    assert.ok((await servedBy(gwA, 4)).has("players-reg-1"), "A routes it at once");
    await waitFor("B to see it", async () => listed(gwB, reg1), 2_000);
    assert.deepEqual(await servedBy(gwB, 4), new Set(["players-static", "players-reg-1"]));
    assert.equal((await call(gwA, "POST", { service: "players", url: reg1.url, weight: 2 })).json().instanceId, body.instanceId, "registering again is idempotent");
  });

  test("heartbeats (through either gateway) keep an instance; without them it expires from both", async () => {
    const { instanceId } = (await call(gwA, "POST", { service: "players", url: reg2.url, ttlSeconds: 1 })).json();
    await waitFor("B to see reg-2", async () => listed(gwB, reg2), 2_000);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 400));
      const beat = await call(gwB, "PUT", { service: "players", instanceId });
      assert.equal(beat.status, 200);
      assert.equal(beat.json().status, "alive");
    }
    assert.ok(listed(gwA, reg2) && listed(gwB, reg2), "still there after 1.6 s of heartbeats");
    await waitFor("reg-2 to expire from both", async () => !listed(gwA, reg2) && !listed(gwB, reg2), 3_000);
    const late = await call(gwA, "PUT", { service: "players", instanceId });
    assert.equal(late.status, 404);
    assert.equal(late.json().error.code, "GW_INSTANCE_NOT_FOUND");
  });

  test("deregistering removes it at once where it was sent, and from the other gateway after its refresh", async () => {
    const { instanceId } = (await call(gwA, "POST", { service: "players", url: reg2.url })).json();
    await waitFor("B to see reg-2", async () => listed(gwB, reg2), 2_000);
    const res = await call(gwB, "DELETE", { service: "players", instanceId });
    assert.equal(res.status, 200);
    assert.equal(listed(gwB, reg2), undefined);
    await waitFor("A to drop it", async () => !listed(gwA, reg2), 2_000);
    assert.equal((await call(gwB, "DELETE", { service: "players", instanceId })).status, 404);
  });

  test("Redis unreachable: B keeps routing its cached registered instances, logs it once, counts it, and recovers", async () => {
    assert.ok(listed(gwB, reg1));
    await relay.cut();
    await new Promise((r) => setTimeout(r, 1_000)); // five refreshes that fail
    assert.ok(listed(gwB, reg1), "the cached list still serves");
    assert.ok((await servedBy(gwB, 4)).has("players-reg-1"));
    assert.equal(logB.messages("service registry unreachable; routing with the last known registered instances").length, 1);
    const metrics = (await request(`${gwB.adminUrl}/metrics`)).text;
    const fallbacks = Number(/^tta_gateway_fallbacks_total\{component="registry",reason="unreachable"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
    assert.ok(fallbacks >= 3, `fallbacks counted: ${fallbacks}`);
    const refused = await call(gwB, "POST", { service: "players", url: reg2.url });
    assert.equal(refused.status, 503);
    assert.equal(refused.json().error.code, "GW_REGISTRY_UNAVAILABLE");
    await relay.restore();
    await waitFor("the registry back", async () => logB.messages("service registry reachable again; registered instances refreshed").length === 1, 8_000);
  });
});

describe("service registry without Redis (standalone)", () => {
  test("the in-process registry serves the same API and the gateway routes what registered", async () => {
    const tdb = await createTestDatabase("gwreglocal");
    const [fixed, reg] = await Promise.all([startFlakyUpstream("auth-static"), startFlakyUpstream("auth-reg")]);
    await publishSnapshot(tdb.db, snapshot({ auth: [fixed.url] }, [{ name: "auth-api", path: "/api/auth/*", service: "auth" }]));
    const gw = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, instanceId: "gw-reg-local", registrationToken: TOKEN, logger: captureLogger("warn").logger });
    try {
      const res = await call(gw, "POST", { service: "auth", url: reg.url });
      assert.equal(res.status, 201);
      const names = new Set<string>();
      for (let i = 0; i < 4; i++) names.add((await request(`${gw.url}/api/auth/${i}`)).json().instance);
      assert.deepEqual(names, new Set(["auth-static", "auth-reg"]));
      assert.equal((await call(gw, "POST", { service: "unknown-svc", url: reg.url })).json().routed, false);
    } finally {
      await gw.close();
      await Promise.all([fixed.close(), reg.close()]);
      await tdb.drop();
    }
  });
});
