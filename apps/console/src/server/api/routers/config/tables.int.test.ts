// What the console's tables ask of the server: which rows differ from the live revision
// (config.changes), the publish history a page at a time (config.revisionPage), and the audit log
// by offset with its total (audit.list).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

describe("the tables' procedures", () => {
  let env: ConsoleTestEnv;
  before(async () => {
    env = await setupConsoleTest("console_tables");
  });
  after(async () => {
    await env?.tdb.drop();
  });

  it("config.changes names the routes and policies a publish would change, and none once published", async () => {
    const api = env.as(env.users.admin);
    assert.deepEqual(await api.config.changes(), { live: 1, changes: [] }, "the seed is published as it stands");
    const [players] = (await api.routes.list()).filter((r) => r.name === "players-api");
    assert.ok(players, "the seed has players-api");
    await api.routes.update({ ...players, timeoutMs: 12_345 });
    await api.routes.create({ name: "fresh", path: "/fresh/*", service: "players" });
    const removed = (await api.routes.list()).find((r) => r.name === "auth-refresh")!;
    await api.routes.delete({ id: removed.id });
    await api.policies.rateLimit.create({ name: "tight", limit: 5, windowSeconds: 1 });
    const { live, changes } = await env.as(env.users.operator).config.changes();
    assert.equal(live, 1);
    assert.deepEqual(changes, [
      { kind: "rateLimitPolicy", name: "tight", change: "added" },
      { kind: "route", name: "auth-refresh", change: "removed" },
      { kind: "route", name: "fresh", change: "added" },
      { kind: "route", name: "players-api", change: "changed" },
    ]);
    await api.config.publish({ message: "tables test" });
    assert.deepEqual(await api.config.changes(), { live: 2, changes: [] });
  });

  it("config.revisionPage searches, sorts and counts on the server", async () => {
    const api = env.as(env.users.admin);
    for (const message of ["alpha one", "beta two", "alpha three"]) {
      await api.routes.create({ name: `r-${message.replace(/ /g, "-")}`, path: `/${message.replace(/ /g, "/")}`, service: "players" });
      await api.config.publish({ message });
    }
    const all = await api.config.revisionPage({ limit: 2 });
    assert.equal(all.total, 5);
    assert.equal(all.live, 5);
    assert.deepEqual(all.items.map((r) => r.number), [5, 4]);
    const second = await api.config.revisionPage({ limit: 2, offset: 2 });
    assert.deepEqual(second.items.map((r) => r.number), [3, 2]);
    const alpha = await api.config.revisionPage({ search: "ALPHA" });
    assert.deepEqual([alpha.total, ...alpha.items.map((r) => r.message)], [2, "alpha three", "alpha one"]);
    assert.deepEqual((await api.config.revisionPage({ search: "#4" })).items.map((r) => r.number), [4]);
    assert.deepEqual((await api.config.revisionPage({ search: "ada" })).total, 4, "by the author's name: the admin published 2–5");
    const byMessage = await api.config.revisionPage({ search: "alpha", sort: "message", dir: "asc" });
    assert.deepEqual(byMessage.items.map((r) => r.message), ["alpha one", "alpha three"], "not the newest first");
    const byAuthor = await api.config.revisionPage({ sort: "author", dir: "asc", limit: 10 });
    assert.equal(byAuthor.items.at(-1)!.author, null, "the seed's revision has no author: last");
  });

  it("audit.list pages by offset with the total, oldest first when asked", async () => {
    const api = env.as(env.users.admin);
    const filter = { action: "config.publish" } as const;
    const first = await api.audit.list({ ...filter, limit: 2 });
    assert.equal(first.total, 5); // the seed's publish and the four above
    const third = await api.audit.list({ ...filter, limit: 2, offset: 4 });
    assert.equal(third.items.length, 1);
    assert.equal(third.nextCursor, null);
    const oldest = await api.audit.list({ ...filter, limit: 1, order: "asc" });
    assert.equal(oldest.items[0]!.actorLabel, "system");
    assert.notEqual(first.items[0]!.id, oldest.items[0]!.id);
  });
});
