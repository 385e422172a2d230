// Swapping the table under load: 1,000 requests in flight while 20 revisions are published. Every
// request must succeed, and be routed by one revision only: publish k rewrites to /v{k}/* under a
// route named api-v{k}, so the path and route the upstream saw must both agree with the revision
// number the upstream saw.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { publishSnapshot, snapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request, type Echo, type TestResponse } from "./helpers/http-client.ts";

const PUBLISHES = 20;
const PER_PUBLISH = 50; // 20 × 50 = 1,000 requests

describe("publishing under load", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  let services: Record<string, string[]>;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const version = new Map<number, number>(); // revision number -> k

  const config = (k: number) => snapshot(services, [{ name: `api-v${k}`, path: "/api/*", rewrite: `/v${k}/*`, service: "players" }]);

  before(async () => {
    tdb = await createTestDatabase("gwload");
    upstreams = await startUpstreams("players", "players");
    services = { players: upstreams.map((u) => u.url) };
    version.set(await publishSnapshot(tdb.db, config(0), "k=0"), 0);
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, pollIntervalMs: 1_000, logger: captureLogger("warn").logger });
  });

  after(async () => {
    agent.destroy();
    await gateway?.close();
    await Promise.all(upstreams.map((u) => u.close()));
    await tdb?.drop();
  });

  test("1,000 concurrent requests during 20 publishes: all 200, none routed by a mix of two revisions", { timeout: 30_000 }, async (t) => {
    const pending: Promise<TestResponse>[] = [];
    for (let k = 1; k <= PUBLISHES; k++) {
      const published = publishSnapshot(tdb.db, config(k), `k=${k}`).then((n) => void version.set(n, k));
      for (let i = 0; i < PER_PUBLISH; i++) pending.push(request(`${gateway.url}/api/items/${k}-${i}?k=${k}`, { agent }));
      await published;
    }
    const responses = await Promise.all(pending);
    assert.equal(responses.length, 1_000);

    const revisionsSeen = new Set<number>();
    for (const res of responses) {
      assert.equal(res.status, 200, res.text);
      const echo = res.json<Echo>();
      const revision = Number(echo.headers["x-tta-config-revision"]);
      const k = version.get(revision);
      assert.ok(k !== undefined, `unknown revision ${revision}`);
      assert.ok(echo.path.startsWith(`/v${k}/items/`), `revision ${revision} (k=${k}) but path ${echo.path}`);
      assert.equal(echo.headers["x-tta-route"], `api-v${k}`);
      assert.equal(res.headers["x-tta-config-revision"], String(revision));
      revisionsSeen.add(revision);
    }
    // The swaps really happened while requests were in flight.
    t.diagnostic(`${revisionsSeen.size} revisions served the 1,000 requests`);
    assert.ok(revisionsSeen.size >= 5, `only ${revisionsSeen.size} revisions served traffic`);
    const last = Math.max(...version.keys());
    await waitFor("the last revision", async () => gateway.currentRevision() === last, 1_000);
  });
});
