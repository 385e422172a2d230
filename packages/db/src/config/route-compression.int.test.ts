// A route's compression policy travels through route editing, publish, the revision diff and
// rollback; clearing it clears the column, and a bad policy is refused with its field path.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newId, validateSnapshot, ZCompressionPolicy, ZSnapshot, type TSnapshot } from "@tta/domain";
import { SYSTEM_ACTOR } from "../audit.ts";
import { ConfigValidationError } from "../errors.ts";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { publish } from "./publish.ts";
import { restoreWorkingTables } from "./restore.ts";
import { getRevisionDetail } from "./revision-diff.ts";
import { rollback } from "./rollback.ts";
import { createRoute, getRoute, updateRoute } from "./routes.ts";

const ctx = () => ({ actor: SYSTEM_ACTOR, correlationId: newId("request") });
let t: TestDatabase;

const route = { name: "players-api", path: "/api/players/*", service: "players" };
const policy = ZCompressionPolicy.parse({ algorithms: ["gzip"], minBytes: 512 });

async function publishSnap(message: string): Promise<{ number: number; snapshot: TSnapshot }> {
  const published = await publish(t.db, { ...ctx(), message });
  const row = await t.db.configRevision.findUniqueOrThrow({ where: { number: published.number } });
  const checked = validateSnapshot(row.snapshot);
  assert.ok(checked.ok);
  return { number: published.number, snapshot: checked.snapshot };
}

async function columnIsNull(id: string): Promise<boolean> {
  const [row] = await t.db.$queryRaw<Array<{ empty: boolean }>>`select compression is null as empty from routes where id = ${id}`;
  return row!.empty;
}

before(async () => {
  t = await createTestDatabase("routecompress");
  const services = ZSnapshot.parse({ schemaVersion: 1, services: [{ name: "players", instances: [{ url: "http://127.0.0.1:5202" }] }], routes: [] });
  await t.db.$transaction((tx) => restoreWorkingTables(tx, services));
});
after(() => t.drop());

describe("route compression policy", () => {
  it("is created with its defaults filled in, published, diffed, cleared and rolled back", async () => {
    const created = await createRoute(t.db, { ...route, compression: { algorithms: ["gzip"], minBytes: 512 } }, ctx());
    assert.deepEqual(created.compression, policy);
    assert.deepEqual((await t.db.route.findUniqueOrThrow({ where: { id: created.id } })).compression, policy);

    const first = await publishSnap("compress players");
    assert.deepEqual(first.snapshot.routes[0]!.compression, policy);

    const updated = await updateRoute(t.db, created.id, { ...route, compression: { ...policy, compressCredentialed: true } }, ctx());
    assert.equal(updated.compression?.compressCredentialed, true);
    const second = await publishSnap("credentialed too");
    assert.deepEqual((await getRevisionDetail(t.db, second.number)).diff, [
      { kind: "route", name: "players-api", change: "changed", fields: [{ field: "compression", before: policy, after: { ...policy, compressCredentialed: true } }] },
    ]);

    const cleared = await updateRoute(t.db, created.id, { ...route, compression: null }, ctx());
    assert.equal(cleared.compression, null);
    assert.ok(await columnIsNull(created.id), "a SQL NULL, not a JSON null");
    assert.equal((await publishSnap("no compression")).snapshot.routes[0]!.compression, null);

    await rollback(t.db, { ...ctx(), toNumber: first.number });
    assert.deepEqual((await getRoute(t.db, created.id)).compression, policy);
  });

  it("refuses a bad policy with its field path and leaves the route as it was", async () => {
    const created = await createRoute(t.db, { ...route, name: "plain-api", path: "/api/plain" }, ctx());
    assert.equal(created.compression, null, "a route made without the field does not compress");
    await assert.rejects(updateRoute(t.db, created.id, { ...route, name: "plain-api", path: "/api/plain", compression: { contentTypes: ["*/*"] } }, ctx()), (error: unknown) => {
      assert.ok(error instanceof ConfigValidationError);
      assert.deepEqual(error.fields.map((e) => e.path), ["compression.contentTypes.0"]);
      return true;
    });
    assert.equal((await getRoute(t.db, created.id)).compression, null);
  });
});
