// Publishing and rolling back reach a running gateway without a restart, through LISTEN/NOTIFY,
// and through the periodic check when a notification never comes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { newId } from "@tta/domain";
import { rollback, SYSTEM_ACTOR } from "@tta/db";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { publishSnapshot, snapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request, type Echo } from "./helpers/http-client.ts";
import { insertRawRevision } from "./helpers/revisions.ts";

describe("following published revisions live", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  let services: Record<string, string[]>;
  let base: number;
  const log = captureLogger("info");
  const players = { name: "players-api", path: "/api/players/*", rewrite: "/players/*", service: "players" };
  const hello = { name: "hello-api", path: "/hello/*", service: "hello" };

  before(async () => {
    tdb = await createTestDatabase("gwreload");
    upstreams = await startUpstreams("players", "hello");
    services = { players: [upstreams[0]!.url], hello: [upstreams[1]!.url] };
    // A poll far beyond the test's deadlines: only LISTEN/NOTIFY can deliver changes in time.
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, pollIntervalMs: 60_000, logger: log.logger });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all(upstreams.map((u) => u.close()));
    await tdb?.drop();
  });

  test("with nothing published the gateway runs but is not ready: 503 GW_NOT_READY", async () => {
    const res = await request(`${gateway.url}/api/players/1`);
    assert.equal(res.status, 503);
    assert.equal(res.json().error.code, "GW_NOT_READY");
    assert.equal(res.json().error.correlationId, res.headers["x-request-id"]);
    const ready = await request(`${gateway.adminUrl}/readyz`);
    assert.equal(ready.status, 503);
    assert.equal(ready.json().status, "not_ready");
    assert.equal(ready.json().revision, null);
    assert.equal(gateway.currentRevision(), null);
  });

  test("the first publish makes it ready and routable within a second", async () => {
    base = await publishSnapshot(tdb.db, snapshot(services, [players]), "first");
    const started = Date.now();
    await waitFor("the first revision", async () => (await request(`${gateway.url}/api/players/1`)).status === 200, 1_000, 10);
    assert.ok(Date.now() - started <= 1_000);
    assert.equal((await request(`${gateway.adminUrl}/readyz`)).status, 200);
  });

  test("a newly published route /hello/* is routable within a second, without a restart", async () => {
    assert.equal((await request(`${gateway.url}/hello/world`)).status, 404);
    const revision = await publishSnapshot(tdb.db, snapshot(services, [players, hello]), "add hello");
    const started = Date.now();
    const res = await waitFor(
      "the hello route",
      async () => {
        const r = await request(`${gateway.url}/hello/world`);
        return r.status === 200 ? r : null;
      },
      1_000,
      10,
    );
    assert.ok(Date.now() - started <= 1_000, `took ${Date.now() - started} ms`);
    assert.equal(res.json<Echo>().service, "hello");
    assert.equal(res.json<Echo>().path, "/hello/world");
    assert.equal(res.headers["x-tta-config-revision"], String(revision));
    assert.equal(gateway.currentRevision(), revision);
  });

  test("rolling back to the first revision removes the route again (404)", async () => {
    const rolled = await rollback(tdb.db, { actor: SYSTEM_ACTOR, correlationId: newId("request"), toNumber: base });
    const res = await waitFor(
      "the rollback",
      async () => {
        const r = await request(`${gateway.url}/hello/world`);
        return r.status === 404 ? r : null;
      },
      1_000,
      10,
    );
    assert.equal(res.json().error.code, "GW_ROUTE_NOT_FOUND");
    assert.equal(res.headers["x-tta-config-revision"], String(rolled.number));
    assert.equal((await request(`${gateway.url}/api/players/1`)).status, 200);
  });

  test("each change is logged once, as one line", () => {
    const loaded = log.messages("config revision loaded");
    assert.deepEqual(
      loaded.map((l) => l.revision),
      [base, base + 1, base + 2],
    );
  });

  test("a revision whose notification never came is picked up by the periodic check", async () => {
    const polling = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, pollIntervalMs: 150, logger: captureLogger().logger });
    try {
      const revision = await insertRawRevision(tdb.url, { snapshot: snapshot(services, [players, hello]), notify: false });
      await waitFor("the un-notified revision", async () => polling.currentRevision() === revision, 2_000);
      assert.equal((await request(`${polling.url}/hello/again`)).status, 200);
    } finally {
      await polling.close();
    }
  });
});
