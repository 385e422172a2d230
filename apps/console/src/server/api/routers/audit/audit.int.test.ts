// audit.list through createCaller on a seeded database: each filter, the time range, pages by
// cursor without gaps or repeats, and admins only.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { writeAudit } from "@tta/db";
import { newId } from "@tta/domain";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

describe("audit.list", () => {
  let env: ConsoleTestEnv;
  const correlationId = newId("request");
  const t0 = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));

  before(async () => {
    env = await setupConsoleTest("console_audit");
    const actor = { id: env.users.operator.id, label: env.users.operator.email };
    await env.db.$transaction(async (tx) => {
      for (let i = 0; i < 7; i++) {
        await writeAudit(tx, { actor, action: i % 2 ? "route.update" : "route.create", entityType: "route", entityId: `rt_${i}`, after: { i }, correlationId: i === 3 ? correlationId : newId("request") });
      }
    });
    // Spread over known times, one minute apart, so that ranges and order are exact.
    // (Ids minted in the same millisecond do not sort in the order they were made.)
    const rows = await env.db.auditLog.findMany({ where: { actorId: actor.id }, select: { id: true, entityId: true } });
    for (const row of rows) {
      const i = Number(row.entityId!.slice("rt_".length));
      await env.db.auditLog.update({ where: { id: row.id }, data: { createdAt: new Date(t0.getTime() + i * 60_000) } });
    }
  });

  after(async () => {
    await env?.tdb.drop();
  });

  it("filters by actor (id or part of the email), action prefix, entity, correlation id and time", async () => {
    const api = env.as(env.users.admin);
    assert.equal((await api.audit.list({ actor: env.users.operator.id })).items.length, 7);
    assert.equal((await api.audit.list({ actor: "OPERATOR@tta" })).items.length, 7);
    assert.equal((await api.audit.list({ actor: "operator", action: "route.update" })).items.length, 3);
    assert.equal((await api.audit.list({ actor: "operator", action: "route." })).items.length, 7);
    assert.deepEqual((await api.audit.list({ entityType: "route", entityId: "rt_4" })).items.map((r) => r.after), [{ i: 4 }]);
    const byCorrelation = await api.audit.list({ correlationId });
    assert.deepEqual(byCorrelation.items.map((r) => r.entityId), ["rt_3"]);
    const range = await api.audit.list({ actor: "operator", from: new Date(t0.getTime() + 60_000), to: new Date(t0.getTime() + 3 * 60_000) });
    assert.deepEqual(range.items.map((r) => r.entityId), ["rt_3", "rt_2", "rt_1"], "newest first, both ends included");
    const seeded = await api.audit.list({ action: "config.publish" });
    assert.equal(seeded.items[0]!.actorLabel, "system");
  });

  it("pages by cursor: newest first, no row twice, none left out", async () => {
    const api = env.as(env.users.admin);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api.audit.list({ actor: "operator", limit: 3, cursor });
      seen.push(...page.items.map((r) => r.entityId!));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, ["rt_6", "rt_5", "rt_4", "rt_3", "rt_2", "rt_1", "rt_0"]);
  });

  it("refuses bad ranges with a field error, and everyone but admins", async () => {
    const bad = await refusal(env.as(env.users.admin).audit.list({ from: new Date(t0.getTime() + 1), to: t0 }));
    assert.deepEqual(bad.fields.map((f) => f.path), ["to"]);
    for (const user of [env.users.operator, env.users.clinician]) assert.equal((await refusal(env.as(user).audit.list({}))).code, "FORBIDDEN");
  });
});
