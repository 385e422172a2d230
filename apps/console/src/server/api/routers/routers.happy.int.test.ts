// An admin's day through the API against a real database: create, edit, disable, publish, read the
// history and its diff, roll back, delete; every change audited with the admin and a correlation id.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setupConsoleTest, type ConsoleTestEnv } from "../test-support.ts";

describe("console API, happy paths", () => {
  let env: ConsoleTestEnv;
  before(async () => {
    env = await setupConsoleTest("console_happy");
  });
  after(async () => {
    await env?.tdb.drop();
  });

  it("starts from the seeded, published demo configuration", async () => {
    const api = env.as(env.users.admin);
    const status = await api.config.status();
    assert.equal(status.latest?.number, 1);
    assert.equal(status.unpublishedChanges, false);
    assert.deepEqual((await api.services.list()).map((s) => s.name), ["agents", "auth", "chat", "narrative", "players", "sessions"]);
    assert.deepEqual((await api.services.list()).find((s) => s.name === "chat")?.therapeuticPriority, "therapeutic", "the route form explains the rate limit by it");
    assert.equal((await api.routes.list()).length, 9); // a route per service, auth-refresh, and the WebSocket routes /ws/chat and /ws/narrative
  });

  it("creates, edits, disables, publishes and rolls back a route", async () => {
    const api = env.as(env.users.admin);
    const created = await api.routes.create({ name: "hello", path: "/hello/*", rewrite: "/*", service: "players" });
    assert.match(created.id, /^rt_/);
    assert.equal(created.timeoutMs, 30_000);
    assert.equal((await api.config.status()).unpublishedChanges, true);

    const updated = await api.routes.update({ ...created, methods: ["GET", "HEAD"], path: "/hello/:who", rewrite: "/greet/:who", priority: 7 });
    assert.equal(updated.id, created.id);
    assert.deepEqual((await api.routes.get({ id: created.id })).methods, ["GET", "HEAD"]);
    assert.equal((await api.routes.setEnabled({ id: created.id, enabled: false })).enabled, false);

    const published = await api.config.publish({ message: "  Add the hello route  " });
    assert.equal(published.number, 2);
    assert.equal((await api.config.status()).unpublishedChanges, false);

    const history = (await api.config.revisionPage({})).items;
    assert.deepEqual(history.map((r) => [r.number, r.message, r.author?.email ?? null]), [
      [2, "Add the hello route", "admin@tta.local"],
      [1, "Seed the demo configuration", null],
    ]);
    const detail = await api.config.revision({ number: 2 });
    assert.equal(detail.previousNumber, 1);
    assert.equal(detail.counts.routes, 10);
    assert.deepEqual(detail.diff.map((d) => `${d.change} ${d.kind} ${d.name}`), ["added route hello"]);
    assert.ok(detail.diff[0]!.fields.some((f) => f.field === "rewrite" && f.after === "/greet/:who"));

    const rolledBack = await api.config.rollback({ number: 1 });
    assert.equal(rolledBack.number, 3);
    assert.equal(rolledBack.rolledBackFrom, 1);
    assert.ok(!(await api.routes.list()).some((r) => r.name === "hello"));
    assert.equal((await api.config.status()).unpublishedChanges, false);
    const back = await api.config.revision({ number: 3 });
    assert.equal(back.revision.rolledBackFrom, 1);
    assert.deepEqual(back.diff.map((d) => `${d.change} ${d.kind} ${d.name}`), ["removed route hello"]);
  });

  it("shows a field change as before → after", async () => {
    const api = env.as(env.users.admin);
    const players = (await api.routes.list()).find((r) => r.name === "players-api")!;
    await api.routes.update({ ...players, timeoutMs: 2_500 });
    const { number } = await api.config.publish({ message: "Shorter players timeout" });
    const detail = await api.config.revision({ number });
    assert.deepEqual(detail.diff, [{ kind: "route", name: "players-api", change: "changed", fields: [{ field: "timeoutMs", before: 10_000, after: 2_500 }] }]);
  });

  it("deletes a route", async () => {
    const api = env.as(env.users.admin);
    const auth = (await api.routes.list()).find((r) => r.name === "auth-api")!;
    assert.deepEqual(await api.routes.delete({ id: auth.id }), { id: auth.id });
    assert.ok(!(await api.routes.list()).some((r) => r.name === "auth-api"));
    assert.equal((await api.config.status()).unpublishedChanges, true);
  });

  it("lets every signed-in role read routes, services, status and history", async () => {
    for (const role of ["operator", "clinician"] as const) {
      const api = env.as(env.users[role]);
      assert.ok((await api.routes.list()).length > 0);
      assert.ok((await api.services.list()).length > 0);
      assert.ok((await api.config.revisionPage({})).total >= 3);
      assert.equal((await api.config.revision({ number: 1 })).revision.number, 1);
      assert.equal(typeof (await api.config.status()).unpublishedChanges, "boolean");
    }
  });

  it("audited every change with the admin as actor and its own correlation id", async () => {
    const rows = await env.db.auditLog.findMany({ where: { actorId: env.users.admin.id }, orderBy: { createdAt: "asc" } });
    assert.deepEqual(rows.map((r) => r.action), [
      "route.create",
      "route.update",
      "route.disable",
      "config.publish",
      "config.rollback",
      "route.update",
      "config.publish",
      "route.delete",
    ]);
    for (const r of rows) {
      assert.equal(r.actorLabel, "admin@tta.local");
      assert.match(r.correlationId, /^req_[0-9a-z]{22}$/);
    }
    assert.equal(new Set(rows.map((r) => r.correlationId)).size, rows.length);
  });
});
