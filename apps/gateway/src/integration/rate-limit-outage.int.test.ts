// Redis stopped in the middle: fail-open policies let requests through, fail-closed ones answer
// 503, routes without a limit do not notice, and the outage is one log line, not one per request.
// Redis back: limits apply again by themselves. The Redis here is this test's own child process;
// the machine's Redis is never touched.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { edgeSnapshot, startOwnRedis, type OwnRedis } from "./helpers/edge-fixtures.ts";
import { publishSnapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

describe("rate limiting while Redis goes away and comes back", () => {
  let tdb: TestDatabase;
  let redis: OwnRedis;
  let gateway: Gateway;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  const log = captureLogger("info");
  const statuses = async (path: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await request(`${gateway.url}${path}`)).status);
    return out;
  };

  before(async () => {
    tdb = await createTestDatabase("gwrloutage");
    redis = await startOwnRedis();
    upstreams = await startUpstreams("players");
    await publishSnapshot(
      tdb.db,
      edgeSnapshot({
        services: { players: [upstreams[0]!.url] },
        rateLimitPolicies: [
          { name: "lenient", scope: "ip", limit: 3, windowSeconds: 3600, failMode: "open" },
          { name: "careful", scope: "ip", limit: 3, windowSeconds: 3600, failMode: "closed" },
        ],
        routes: [
          { name: "open-api", path: "/api/open/*", service: "players", rateLimitPolicy: "lenient" },
          { name: "closed-api", path: "/api/closed/*", service: "players", rateLimitPolicy: "careful" },
          { name: "plain-api", path: "/api/plain/*", service: "players" },
        ],
      }),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: log.logger, instanceId: "gw-outage", redisUrl: redis.url, rateLimitTimeoutMs: 200 });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all(upstreams.map((u) => u.close()));
    await redis?.stop();
    await tdb?.drop();
  });

  test("with Redis: both policies limit", async () => {
    assert.deepEqual(await statuses("/api/open/1", 4), [200, 200, 200, 429]);
    assert.deepEqual(await statuses("/api/closed/1", 4), [200, 200, 200, 429]);
  });

  test("Redis stopped: open passes without RateLimit headers, closed answers 503, the rest is served; logged once", async () => {
    await redis.stop();
    for (let round = 0; round < 5; round++) {
      const open = await request(`${gateway.url}/api/open/1`);
      assert.equal(open.status, 200);
      assert.equal(open.headers["ratelimit"], undefined);
      const closed = await request(`${gateway.url}/api/closed/1`);
      assert.equal(closed.status, 503);
      assert.equal(closed.json().error.code, "GW_RATE_LIMIT_UNAVAILABLE");
      assert.equal(closed.headers["retry-after"], "1");
      assert.equal((await request(`${gateway.url}/api/plain/1`)).status, 200);
      await new Promise((r) => setTimeout(r, 120)); // some requests probe Redis, some are inside the skip window
    }
    assert.equal(log.messages("rate-limit store unreachable; each policy fails open or closed as configured until it is back").length, 1);
    const metrics = await request(`${gateway.adminUrl}/metrics`);
    assert.match(metrics.text, /tta_gateway_fallbacks_total\{component="rate_limit",reason="fail_open"\} 5/);
    assert.match(metrics.text, /tta_gateway_fallbacks_total\{component="rate_limit",reason="fail_closed"\} 5/);
  });

  test("Redis back (empty): limits apply again by themselves, and the recovery is logged once", async () => {
    await redis.start();
    await waitFor("decisions from Redis again", async () => (await request(`${gateway.url}/api/open/2`)).headers["ratelimit"] !== undefined, 10_000, 100);
    // A fresh Redis has no counters: the closed route starts over.
    assert.deepEqual(await statuses("/api/closed/1", 4), [200, 200, 200, 429]);
    assert.equal(log.messages("rate-limit store reachable again").length, 1);
    assert.equal(log.messages("rate-limit store unreachable; each policy fails open or closed as configured until it is back").length, 1);
  });
});
