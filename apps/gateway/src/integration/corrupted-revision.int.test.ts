// A revision that is invalid, or whose snapshot no longer matches its checksum, never replaces the
// running table: it is refused, logged once and shown on /readyz; the next good publish is taken.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { snapshotChecksum } from "@tta/domain";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { publishSnapshot, snapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";
import { insertRawRevision } from "./helpers/revisions.ts";

const REFUSED = "config revision refused; keeping the current one";

describe("refusing corrupted revisions", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  let services: Record<string, string[]>;
  let good: number;
  const log = captureLogger("info");
  const players = { name: "players-api", path: "/api/players/*", rewrite: "/players/*", service: "players" };
  const admin = { name: "admin-api", path: "/admin/*", service: "players" };

  const readyz = async () => (await request(`${gateway.adminUrl}/readyz`)).json();
  const refusedLines = (revision: number) => log.messages(REFUSED).filter((l) => l.revision === revision);

  before(async () => {
    tdb = await createTestDatabase("gwcorrupt");
    upstreams = await startUpstreams("players");
    services = { players: [upstreams[0]!.url] };
    good = await publishSnapshot(tdb.db, snapshot(services, [players]), "good");
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, pollIntervalMs: 100, logger: log.logger });
    assert.equal(gateway.currentRevision(), good);
  });

  after(async () => {
    await gateway?.close();
    await Promise.all(upstreams.map((u) => u.close()));
    await tdb?.drop();
  });

  test("an invalid snapshot (notified) is refused; the running table stays and /readyz reports why", async () => {
    const bad = { ...snapshot(services, [players]), routes: [{ ...players, id: "rt_bad", path: "no-leading-slash" }] };
    const number = await insertRawRevision(tdb.url, { snapshot: bad });
    await waitFor("the refusal", async () => (await readyz()).lastRejected?.number === number, 2_000);
    const body = await readyz();
    assert.equal(body.status, "ready");
    assert.equal(body.revision, good);
    assert.match(body.lastRejected.reason, /^invalid snapshot: routes\.0\.path: must start with \//);
    const res = await request(`${gateway.url}/api/players/1`);
    assert.equal(res.status, 200);
    assert.equal(res.headers["x-tta-config-revision"], String(good));
  });

  test("a valid snapshot with a wrong checksum (altered after publishing) is refused too", async () => {
    const altered = snapshot(services, [players, admin]);
    const number = await insertRawRevision(tdb.url, { snapshot: altered, checksum: snapshotChecksum(snapshot(services, [players])) });
    await waitFor("the refusal", async () => (await readyz()).lastRejected?.number === number, 2_000);
    assert.match((await readyz()).lastRejected.reason, /checksum mismatch/);
    assert.equal(gateway.currentRevision(), good);
    assert.equal((await request(`${gateway.url}/admin/users`)).status, 404);
  });

  test("each refusal is logged exactly once, even after many periodic checks", async () => {
    await new Promise((r) => setTimeout(r, 600)); // ~6 polls at 100 ms
    assert.equal(refusedLines(good + 1).length, 1);
    assert.equal(refusedLines(good + 2).length, 1);
  });

  test("a gateway that starts now walks back to the newest valid revision", async () => {
    const late = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger().logger });
    try {
      assert.equal(late.currentRevision(), good);
      const ready = await request(`${late.adminUrl}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(ready.json().lastRejected.number, good + 2);
    } finally {
      await late.close();
    }
  });

  test("the next good publish is taken", async () => {
    const next = await publishSnapshot(tdb.db, snapshot(services, [players, admin]), "good again");
    await waitFor("the good revision", async () => gateway.currentRevision() === next, 1_000, 10);
    const res = await request(`${gateway.url}/admin/users`);
    assert.equal(res.status, 200);
    assert.equal(res.headers["x-tta-config-revision"], String(next));
    const body = await readyz();
    assert.equal(body.revision, next);
    assert.equal(body.lastRejected.number, good + 2); // history of the last refusal stays visible
  });

  test("with only invalid revisions a fresh gateway answers 503 GW_NOT_READY and /readyz is 503", async () => {
    const empty = await createTestDatabase("gwcorrupt2");
    const bad = { ...snapshot(services, [players]), schemaVersion: 99 };
    await insertRawRevision(empty.url, { snapshot: bad });
    const lonely = await startGateway({ databaseUrl: empty.url, port: 0, adminPort: 0, logger: captureLogger().logger });
    try {
      const res = await request(`${lonely.url}/api/players/1`);
      assert.equal(res.status, 503);
      assert.equal(res.json().error.code, "GW_NOT_READY");
      const ready = await request(`${lonely.adminUrl}/readyz`);
      assert.equal(ready.status, 503);
      assert.equal(ready.json().lastRejected.number, 1);
    } finally {
      await lonely.close();
      await empty.drop();
    }
  });
});
