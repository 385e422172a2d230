// The shared HTTP cache judged by the independent RFC 9111 conformance suite
// (packages/cache-conformance, written from the RFCs by someone who did not see the cache): every
// MUST passes, on the in-process store and on Redis. The full report is printed for the README.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { formatReport, runConformance, startOrigin, type Origin } from "@tta/cache-conformance";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { edgeSnapshot } from "./helpers/edge-fixtures.ts";
import { publishSnapshot } from "./helpers/fixtures.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

for (const storeKind of ["local", "redis"] as const) {
  describe(`cache conformance (${storeKind} store)`, () => {
    let tdb: TestDatabase;
    let origin: Origin;
    let gateway: Gateway;

    before(async () => {
      tdb = await createTestDatabase(`gwcacheconf${storeKind}`);
      origin = await startOrigin();
      const snapshot = edgeSnapshot({
        services: { origin: [origin.url] },
        routes: [{ name: "conformance", path: "/conf/*", rewrite: "/*", service: "origin", cachePolicy: { enabled: true }, retryPolicy: { attempts: 1 }, timeoutMs: 5_000 }],
      });
      // The suite takes the origin down and has it answer 5xx on purpose: a breaker that opened
      // would answer 503 for the cases after, which is the breaker's behaviour, not the cache's.
      snapshot.services[0]!.circuitBreaker = { failureRateThreshold: 100, minimumCalls: 10_000, connectionFailureThreshold: 1_000, windowMs: 100, halfOpenProbes: 2 };
      await publishSnapshot(tdb.db, snapshot);
      gateway = await startGateway({
        databaseUrl: tdb.url,
        port: 0,
        adminPort: 0,
        logger: captureLogger("silent").logger,
        instanceId: `gw-cache-conf-${storeKind}`,
        crisisClassifier: { kind: "off" },
        ...(storeKind === "redis" ? { redisUrl: REDIS_URL, redisKeyPrefix: `test:cacheconf:${randomBytes(4).toString("hex")}:` } : {}),
      });
    });

    after(async () => {
      await gateway?.close();
      await origin?.close();
      await tdb?.drop();
    });

    test("every MUST of RFC 9111 the suite checks holds; 100 concurrent requests for a cold key make one upstream request", { timeout: 360_000 }, async () => {
      const report = await runConformance({ base: `${gateway.url}/conf`, origin });
      console.log(formatReport(report));
      const failedMusts = report.results.filter((r) => r.level === "must" && r.outcome === "fail").map((r) => `${r.id}: ${r.detail}`);
      assert.deepEqual(failedMusts, []);
      assert.ok(report.coalescing, "the coalescing figure was measured");
      assert.equal(report.coalescing.originRequests, 1, `${report.coalescing.clients} concurrent clients`);
    });
  });
}
