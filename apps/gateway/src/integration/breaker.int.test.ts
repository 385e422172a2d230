// Circuit breakers on a real gateway: opening after the configured timeouts, half-open with a
// limited number of probes, closing again; a failed probe re-opening; forced open/closed/reset
// (kept in Redis, applied by a gateway started later); crisis bypass. Real Postgres, real Redis
// (own key prefix), real loopback upstreams.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { liveRedisNames, type TBreakerTransition } from "@tta/domain";
import { Redis } from "ioredis";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { startFlakyUpstream, recorder, type FlakyUpstream } from "./helpers/flaky-upstream.ts";
import { publishSnapshot, snapshot, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:breaker:${randomBytes(4).toString("hex")}:`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("circuit breakers", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let redis: Redis;
  let flaky: FlakyUpstream;
  let steady: FlakyUpstream;
  let crisis: FlakyUpstream;
  const seen = recorder();
  const breaker = (g: Gateway, service: string) => g.upstreamState.instances().find((i) => i.service === service)!.breaker;
  const transitions = (service: string) => seen.events.filter((e): e is TBreakerTransition => e.type === "breaker.transition" && e.service === service);

  before(async () => {
    tdb = await createTestDatabase("gwbreaker");
    [flaky, steady, crisis] = await Promise.all([startFlakyUpstream("flaky-1"), startFlakyUpstream("steady-1"), startFlakyUpstream("crisis-1")]);
    const breakerSettings = { connectionFailureThreshold: 2, windowMs: 10_000, openMs: 600, halfOpenProbes: 2 };
    const rareChecks = { intervalMs: 60_000 }; // a passing check would half-open the breaker at once (breaker-capacity.int.test.ts)
    await publishSnapshot(
      tdb.db,
      snapshot(
        {
          flaky: { instances: [{ url: flaky.url }], circuitBreaker: breakerSettings, healthCheck: rareChecks },
          steady: { instances: [{ url: steady.url }], circuitBreaker: breakerSettings },
          // failureThreshold: a breaker setting from before issue 8, read as connectionFailureThreshold.
          "crisis-line": { therapeuticPriority: "crisis", instances: [{ url: crisis.url }], circuitBreaker: { failureThreshold: 2, openMs: 60_000 }, healthCheck: rareChecks },
        },
        [
          { name: "flaky-api", path: "/flaky/*", service: "flaky", timeoutMs: 800, retryPolicy: { attempts: 1 } },
          { name: "steady-api", path: "/steady/*", service: "steady", retryPolicy: { attempts: 1 } },
          { name: "crisis-api", path: "/crisis/*", service: "crisis-line", retryPolicy: { attempts: 1 } },
          { name: "crisis-strict-api", path: "/crisis-strict/*", service: "crisis-line", retryPolicy: { attempts: 1, crisisBypass: false } },
        ],
      ),
    );
    redis = new Redis(REDIS_URL);
    gateway = await startGateway({
      databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("warn").logger, instanceId: "gw-breaker",
      redisUrl: REDIS_URL, redisKeyPrefix: prefix, live: seen.live, observer: seen.observer, forcedBreakerSyncMs: 200,
    });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all([flaky, steady, crisis].map((u) => u?.close()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await tdb?.drop();
  });

  test("the breaker opens after the configured timeouts; then it answers 503 GW_BREAKER_OPEN without calling the instance", async () => {
    // (5xx answers alone never open the only instance's breaker: breaker-capacity.int.test.ts)
    flaky.mode = "hang";
    for (let i = 0; i < 2; i++) assert.equal((await request(`${gateway.url}/flaky/fail-${i}`)).status, 504);
    assert.equal(breaker(gateway, "flaky").state, "open");
    const refused = await request(`${gateway.url}/flaky/refused`, { headers: { "x-request-id": "trace-breaker-0001" } });
    assert.equal(refused.status, 503);
    assert.equal(refused.headers["retry-after"], "1");
    const { error } = refused.json();
    assert.equal(error.code, "GW_BREAKER_OPEN");
    assert.equal(error.correlationId, "trace-breaker-0001");
    assert.equal(error.retryable, true);
    assert.equal(error.details.reason, "breakers_open");
    assert.deepEqual(
      error.details.instances.map((i: { instance: string; breaker: string; forced: string }) => [i.instance, i.breaker, i.forced]),
      [[flaky.url, "open", "none"]],
    );
    assert.ok(!flaky.received.includes("GET /flaky/refused"), "an open breaker does not call the instance");
    const transition = transitions("flaky")[0]!;
    assert.deepEqual({ from: transition.from, to: transition.to, reason: transition.reason, gatewayId: transition.gatewayId, instance: transition.instance }, {
      from: "closed", to: "open", reason: "2 connection failures or timeouts within 10000 ms", gatewayId: "gw-breaker", instance: flaky.url,
    });
  });

  test("after openMs it half-opens: only halfOpenProbes requests pass; a failed probe opens it again", async () => {
    flaky.mode = "hang";
    await sleep(650);
    const probes = [request(`${gateway.url}/flaky/probe-1`), request(`${gateway.url}/flaky/probe-2`)];
    await waitFor("both probes at the instance", async () => flaky.received.includes("GET /flaky/probe-2") && flaky.received.includes("GET /flaky/probe-1"), 2_000);
    assert.equal(breaker(gateway, "flaky").state, "half_open");
    const third = await request(`${gateway.url}/flaky/probe-3`);
    assert.equal(third.status, 503);
    assert.equal(third.json().error.details.instances[0].breaker, "half_open");
    assert.ok(!flaky.received.includes("GET /flaky/probe-3"));
    assert.deepEqual((await Promise.all(probes)).map((r) => r.status), [504, 504]);
    assert.equal(breaker(gateway, "flaky").state, "open");
    assert.deepEqual(transitions("flaky").map((e) => `${e.from}->${e.to}`), ["closed->open", "open->half_open", "half_open->open"]);
  });

  test("probes that succeed close it again, and traffic flows", async () => {
    flaky.mode = "ok";
    await sleep(650);
    assert.equal((await request(`${gateway.url}/flaky/ok-1`)).status, 200);
    assert.equal(breaker(gateway, "flaky").state, "half_open");
    assert.equal((await request(`${gateway.url}/flaky/ok-2`)).status, 200);
    assert.equal(breaker(gateway, "flaky").state, "closed");
    for (let i = 0; i < 5; i++) assert.equal((await request(`${gateway.url}/flaky/after-${i}`)).status, 200);
    assert.equal(transitions("flaky").at(-1)!.reason, "2 half-open probes succeeded");
  });

  test("forced open is kept in Redis and applied by a gateway started later; forced closed ignores failures; reset clears both", async () => {
    const instance = steady.url;
    assert.equal(gateway.upstreamState.applyBreakerCommand({ service: "steady", instance: "http://127.0.0.1:1", action: "force_open", correlationId: "c-0" }), false);
    assert.equal(gateway.upstreamState.applyBreakerCommand({ service: "steady", instance, action: "force_open", correlationId: "c-1" }), true);
    const refused = await request(`${gateway.url}/steady/x`);
    assert.equal(refused.status, 503);
    assert.deepEqual(refused.json().error.details.instances[0].forced, "open");
    const hash = liveRedisNames(prefix).forcedBreakers;
    await waitFor("the forced state in Redis", async () => (await redis.hget(hash, `steady|${instance}`)) === "open");

    const later = await startGateway({
      databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("warn").logger, instanceId: "gw-breaker-later",
      redisUrl: REDIS_URL, redisKeyPrefix: prefix, forcedBreakerSyncMs: 200,
    });
    try {
      assert.deepEqual({ state: breaker(later, "steady").state, forced: breaker(later, "steady").forced }, { state: "open", forced: "open" }, "applied at start");
      assert.equal((await request(`${later.url}/steady/x`)).status, 503);

      gateway.upstreamState.applyBreakerCommand({ service: "steady", instance, action: "force_closed", correlationId: "c-2" });
      steady.mode = "error";
      for (let i = 0; i < 3; i++) assert.equal((await request(`${gateway.url}/steady/fail-${i}`)).status, 500);
      assert.deepEqual({ state: breaker(gateway, "steady").state, forced: breaker(gateway, "steady").forced }, { state: "closed", forced: "closed" });
      await waitFor("the later gateway follows (forced closed)", async () => breaker(later, "steady").forced === "closed", 2_000);

      steady.mode = "ok";
      gateway.upstreamState.applyBreakerCommand({ service: "steady", instance, action: "reset", correlationId: "c-3" });
      assert.equal(breaker(gateway, "steady").forced, "none");
      await waitFor("the hash field removed", async () => (await redis.hexists(hash, `steady|${instance}`)) === 0);
      await waitFor("the later gateway follows (reset)", async () => breaker(later, "steady").forced === "none", 2_000);
      assert.equal((await request(`${later.url}/steady/y`)).status, 200);
      assert.equal((await request(`${gateway.url}/steady/y`)).status, 200);
    } finally {
      await later.close();
    }
  });

  test("crisis requests pass an open breaker when the route allows crisis bypass, and only then", async () => {
    await crisis.kill();
    for (let i = 0; i < 2; i++) assert.equal((await request(`${gateway.url}/crisis/fail-${i}`)).status, 502);
    assert.equal(breaker(gateway, "crisis-line").state, "open");
    await crisis.revive();
    const bypass = await request(`${gateway.url}/crisis/help`);
    assert.equal(bypass.status, 200);
    assert.equal(bypass.json().instance, "crisis-1");
    const strict = await request(`${gateway.url}/crisis-strict/help`);
    assert.equal(strict.status, 503);
    assert.equal(strict.json().error.code, "GW_BREAKER_OPEN");
    assert.equal(breaker(gateway, "crisis-line").state, "open", "a bypassing request does not close the breaker");
  });
});
