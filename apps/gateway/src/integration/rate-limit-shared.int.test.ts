// Two gateway instances, one Redis: one limit. A burst of concurrent requests spread over both lets
// exactly the limit through, whichever instance each request hits.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { Redis } from "ioredis";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { sign, TEST_AUDIENCE, TEST_HMAC_SECRET, TEST_ISSUER } from "../testing/jwt.ts";
import { edgeSnapshot } from "./helpers/edge-fixtures.ts";
import { publishSnapshot, startUpstreams } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const LIMIT = 25;

describe("one rate limit across two gateway instances sharing Redis", () => {
  const prefix = `test:${randomBytes(4).toString("hex")}:`;
  let tdb: TestDatabase;
  let gateways: Gateway[] = [];
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });

  before(async () => {
    tdb = await createTestDatabase("gwrlshared");
    upstreams = await startUpstreams("players");
    await publishSnapshot(
      tdb.db,
      edgeSnapshot({
        services: { players: [upstreams[0]!.url] },
        authPolicies: [{ name: "tta", issuer: TEST_ISSUER, audiences: [TEST_AUDIENCE], algorithms: ["HS256"], secretRef: "TTA_JWT_SECRET" }],
        rateLimitPolicies: [
          { name: "per-user", scope: "user", limit: LIMIT, windowSeconds: 3600, burst: 0 },
          { name: "per-endpoint", scope: "endpoint", limit: 10, windowSeconds: 3600, burst: 5 },
        ],
        routes: [
          { name: "players-api", path: "/api/players/*", rewrite: "/players/*", service: "players", auth: "authenticated", authPolicy: "tta", rateLimitPolicy: "per-user" },
          { name: "stats-api", path: "/api/stats/*", rewrite: "/stats/*", service: "players", rateLimitPolicy: "per-endpoint" },
        ],
      }),
    );
    const log = captureLogger("warn").logger;
    for (const id of ["gw-a", "gw-b"]) {
      gateways.push(
        await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: log, instanceId: id, redisUrl: REDIS_URL, redisKeyPrefix: prefix, jwtSecrets: new Map([["TTA_JWT_SECRET", TEST_HMAC_SECRET]]) }),
      );
    }
  });

  after(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await Promise.all(upstreams.map((u) => u.close()));
    agent.destroy();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await tdb?.drop();
  });

  async function burst(path: string, count: number, headers: Record<string, string> = {}) {
    return Promise.all(Array.from({ length: count }, (_, i) => request(`${gateways[i % 2]!.url}${path}`, { headers, agent })));
  }

  test(`a concurrent burst of 100 for one user over both instances: exactly ${LIMIT} pass`, async () => {
    const headers = { authorization: `Bearer ${await sign(TEST_HMAC_SECRET, { subject: "usr_burst" })}` };
    // Warm both instances' connections and key compilation with another user, so the burst is a burst.
    await burst("/api/players/warm", 4, { authorization: `Bearer ${await sign(TEST_HMAC_SECRET, { subject: "usr_warm" })}` });
    const answers = await burst("/api/players/1", 100, headers);
    const ok = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    assert.equal(ok.length, LIMIT);
    assert.equal(limited.length, 100 - LIMIT);
    // Both instances let some through and refused some: one shared counter, not two.
    for (const [i, g] of gateways.entries()) {
      const mine = answers.filter((_, k) => k % 2 === i);
      assert.ok(mine.some((a) => a.status === 200) && mine.some((a) => a.status === 429), `${g.instanceId} took part`);
    }
    assert.deepEqual(ok.map((a) => Number(a.headers["ratelimit-remaining"])).sort((a, b) => a - b), Array.from({ length: LIMIT }, (_, i) => i));
    for (const a of limited) {
      assert.equal(a.json().error.code, "GW_RATE_LIMITED");
      assert.ok(Number(a.headers["retry-after"]) > 0);
      assert.equal(a.headers["ratelimit-policy"], `"per-user";q=${LIMIT};w=3600`);
    }
    const other = await request(`${gateways[1]!.url}/api/players/1`, { headers: { authorization: `Bearer ${await sign(TEST_HMAC_SECRET, { subject: "usr_other" })}` }, agent });
    assert.equal(other.status, 200, "another user has a limit of their own");
  });

  test("endpoint scope with burst: limit + burst pass in a burst over both, whoever sends", async () => {
    const answers = await burst("/api/stats/today", 60);
    assert.equal(answers.filter((a) => a.status === 200).length, 15);
  });

  test("the counters are Redis keys ratelimit:{subject}:{endpoint} behind REDIS_KEY_PREFIX", async () => {
    const redis = new Redis(REDIS_URL);
    try {
      assert.equal(await redis.exists(`${prefix}ratelimit:user:usr_burst:players-api`), 1);
      assert.equal(await redis.exists(`${prefix}ratelimit:all:stats-api`), 1);
    } finally {
      await redis.quit();
    }
  });
});
