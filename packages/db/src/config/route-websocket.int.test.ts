// A websocket route's session limits travel through route editing, publish, the revision diff and
// rollback; clearing them clears the column, and a policy on a route without websocket is refused.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newId, validateSnapshot, ZSnapshot, type TSnapshot } from "@tta/domain";
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

const route = { name: "chat-ws", path: "/ws/chat", service: "chat", websocket: true };
const policy = { idleTimeoutSeconds: 120, maxMessageBytes: 65_536, messagesPerSecond: 10, messageBurst: 30 };

async function publishSnap(message: string): Promise<{ number: number; snapshot: TSnapshot }> {
  const published = await publish(t.db, { ...ctx(), message });
  const row = await t.db.configRevision.findUniqueOrThrow({ where: { number: published.number } });
  const checked = validateSnapshot(row.snapshot);
  assert.ok(checked.ok);
  return { number: published.number, snapshot: checked.snapshot };
}

async function columnIsNull(id: string): Promise<boolean> {
  const [row] = await t.db.$queryRaw<Array<{ empty: boolean }>>`select websocket_policy is null as empty from routes where id = ${id}`;
  return row!.empty;
}

before(async () => {
  t = await createTestDatabase("routews");
  const services = ZSnapshot.parse({ schemaVersion: 1, services: [{ name: "chat", instances: [{ url: "http://127.0.0.1:5201" }] }], routes: [] });
  await t.db.$transaction((tx) => restoreWorkingTables(tx, services));
});
after(() => t.drop());

describe("route WebSocket policy", () => {
  it("is created with its defaults filled in, published, diffed, cleared and rolled back", async () => {
    const created = await createRoute(t.db, { ...route, websocketPolicy: { idleTimeoutSeconds: 120 } }, ctx());
    assert.deepEqual(created.websocketPolicy, policy);
    assert.deepEqual((await t.db.route.findUniqueOrThrow({ where: { id: created.id } })).websocketPolicy, policy);

    const first = await publishSnap("ws policy");
    assert.deepEqual(first.snapshot.routes[0]!.websocketPolicy, policy);

    const updated = await updateRoute(t.db, created.id, { ...route, websocketPolicy: { ...policy, messageBurst: 50 } }, ctx());
    assert.equal(updated.websocketPolicy?.messageBurst, 50);
    const second = await publishSnap("bigger burst");
    assert.deepEqual((await getRevisionDetail(t.db, second.number)).diff, [
      { kind: "route", name: "chat-ws", change: "changed", fields: [{ field: "websocketPolicy", before: policy, after: { ...policy, messageBurst: 50 } }] },
    ]);

    const cleared = await updateRoute(t.db, created.id, { ...route, websocketPolicy: null }, ctx());
    assert.equal(cleared.websocketPolicy, null);
    assert.ok(await columnIsNull(created.id), "a SQL NULL, not a JSON null");
    const third = await publishSnap("gateway defaults");
    assert.equal(third.snapshot.routes[0]!.websocketPolicy, null);

    await rollback(t.db, { ...ctx(), toNumber: first.number });
    assert.deepEqual((await getRoute(t.db, created.id)).websocketPolicy, policy);
    const latest = await t.db.configRevision.findFirstOrThrow({ orderBy: { number: "desc" } });
    assert.deepEqual((ZSnapshot.parse(latest.snapshot)).routes[0]!.websocketPolicy, policy);
  });

  it("is refused on a route without websocket, with its field path, and leaves the route as it was", async () => {
    const created = await createRoute(t.db, { ...route, name: "chat-ws-2", path: "/ws/chat2" }, ctx());
    assert.equal(created.websocketPolicy, null);
    for (const attempt of [
      () => createRoute(t.db, { ...route, name: "plain-api", path: "/api/plain", websocket: false, websocketPolicy: {} }, ctx()),
      () => updateRoute(t.db, created.id, { ...route, name: "chat-ws-2", path: "/ws/chat2", websocket: false, websocketPolicy: policy }, ctx()),
    ])
      await assert.rejects(attempt(), (error: unknown) => {
        assert.ok(error instanceof ConfigValidationError);
        assert.deepEqual(error.fields.map((e) => e.path), ["websocketPolicy"]);
        return true;
      });
    assert.equal((await getRoute(t.db, created.id)).websocket, true);
    assert.ok(await columnIsNull(created.id));
  });
});
