// Postgres going away never stops routing: the gateway serves its last table, its listener
// reconnects with backoff, and once the database is back it catches up with what was published.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { publishSnapshot, snapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";
import { startTcpRelay, type TcpRelay } from "./helpers/tcp-relay.ts";

const LOST = "config listener lost its connection; reconnecting";
const BACK = "config listener connected again";

describe("Postgres going away", () => {
  let tdb: TestDatabase;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  let services: Record<string, string[]>;
  const players = { name: "players-api", path: "/api/players/*", rewrite: "/players/*", service: "players" };
  const hello = { name: "hello-api", path: "/hello/*", service: "hello" };
  const later = { name: "later-api", path: "/later/*", service: "hello" };

  const ok = async (gateway: Gateway, path = "/api/players/1") => (await request(`${gateway.url}${path}`)).status === 200;
  const readyz = async (gateway: Gateway) => (await request(`${gateway.adminUrl}/readyz`)).json();

  before(async () => {
    tdb = await createTestDatabase("gwoutage");
    upstreams = await startUpstreams("players", "hello");
    services = { players: [upstreams[0]!.url], hello: [upstreams[1]!.url] };
    await publishSnapshot(tdb.db, snapshot(services, [players]), "base");
  });

  after(async () => {
    await Promise.all(upstreams.map((u) => u.close()));
    await tdb?.drop();
  });

  test("terminated connections: routing continues, the listener reconnects and the next publish arrives within a second", async () => {
    const log = captureLogger("info");
    // The periodic check is out of reach: only the reconnected LISTEN can deliver the publish.
    const gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, pollIntervalMs: 60_000, logger: log.logger, instanceId: "gw-terminated" });
    try {
      const admin = new pg.Client({ connectionString: tdb.url });
      await admin.connect();
      const killed = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and application_name like 'tta-gateway:gw-terminated%'`,
      );
      await admin.end();
      assert.ok((killed.rowCount ?? 0) >= 1, "the gateway had at least its listener connection");

      for (let i = 0; i < 5; i++) assert.ok(await ok(gateway));
      await waitFor("the listener to reconnect", async () => (await readyz(gateway)).listenerConnected, 3_000);

      await publishSnapshot(tdb.db, snapshot(services, [players, hello]), "after the outage");
      await waitFor("the new route", () => ok(gateway, "/hello/x"), 1_000, 10);
      assert.equal(log.messages(LOST).length, 1);
      assert.equal(log.messages(BACK).length, 1);
    } finally {
      await gateway.close();
    }
  });

  test("an unreachable database: last table kept, /readyz says so, and a revision published meanwhile is loaded on reconnect", async () => {
    const relay: TcpRelay = await startTcpRelay({ host: "127.0.0.1", port: Number(new URL(tdb.url).port || 5432) });
    const viaRelay = new URL(tdb.url);
    viaRelay.port = String(relay.port);
    const log = captureLogger("info");
    const gateway = await startGateway({ databaseUrl: viaRelay.toString(), port: 0, adminPort: 0, pollIntervalMs: 200, logger: log.logger });
    try {
      const before = gateway.currentRevision();
      await relay.cut();
      await waitFor("the listener to notice", async () => !(await readyz(gateway)).listenerConnected, 2_000);
      await waitFor("a failed periodic check", async () => (await readyz(gateway)).databaseReachable === false, 2_000);
      const body = await readyz(gateway);
      assert.equal(body.status, "ready");
      assert.equal(body.revision, before);
      for (let i = 0; i < 5; i++) assert.ok(await ok(gateway));

      const published = await publishSnapshot(tdb.db, snapshot(services, [players, hello, later]), "while the gateway is cut off");
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await request(`${gateway.url}/later/x`)).status, 404);

      await relay.restore();
      await waitFor("the revision published during the outage", async () => gateway.currentRevision() === published, 8_000);
      assert.ok(await ok(gateway, "/later/x"));
      await waitFor("the listener to be back", async () => (await readyz(gateway)).listenerConnected, 8_000);
      assert.equal((await readyz(gateway)).databaseReachable, true);
      assert.equal(log.messages("config database unreachable; serving the last loaded revision").length, 1);
      assert.equal(log.messages(LOST).length, 1);
    } finally {
      await gateway.close();
      await relay.close();
    }
  });

  test("a database dropped under a running gateway: it keeps serving its last table", async () => {
    const doomed = await createTestDatabase("gwdoomed");
    await publishSnapshot(doomed.db, snapshot(services, [players]), "soon gone");
    const gateway = await startGateway({ databaseUrl: doomed.url, port: 0, adminPort: 0, pollIntervalMs: 100, logger: captureLogger().logger });
    try {
      const revision = gateway.currentRevision();
      await doomed.drop();
      await waitFor("the gateway to notice", async () => (await readyz(gateway)).databaseReachable === false, 3_000);
      for (let i = 0; i < 5; i++) assert.ok(await ok(gateway));
      const ready = await request(`${gateway.adminUrl}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(ready.json().revision, revision);
      assert.equal(ready.json().listenerConnected, false);
    } finally {
      await gateway.close();
    }
  });
});
