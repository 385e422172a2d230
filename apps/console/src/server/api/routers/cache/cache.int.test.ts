// cache.purge through createCaller against a real standalone gateway (no Redis: its in-process
// store) with an admin token: admins only, audited with the scope and the count, and clear
// refusals when no gateway answers or the gateway refuses.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createLogger, startGateway, type Gateway } from "@tta/gateway";
import type { SessionUser } from "../../../auth/session-user.ts";
import { createCaller } from "../../root.ts";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

const TOKEN = "cache-int-test-admin-token";

describe("cache.purge", () => {
  let env: ConsoleTestEnv;
  let gateway: Gateway;
  const as = (user: SessionUser, urls = [gateway.adminUrl], token = TOKEN) => createCaller({ db: env.db, user, gatewayAdmin: { urls, token } });

  before(async () => {
    env = await setupConsoleTest("console_cache");
    gateway = await startGateway({ databaseUrl: env.tdb.url, port: 0, adminPort: 0, instanceId: "gw-cache-1", adminToken: TOKEN, logger: createLogger({ level: "silent", instanceId: "gw-cache-1" }) });
  });
  after(async () => {
    await gateway?.close();
    await env?.tdb.drop();
  });

  it("an admin purges a route's answers, audited with who, the scope and how many", async () => {
    const result = await as(env.users.admin).cache.purge({ by: "route", route: "players-api" });
    assert.deepEqual(result, { purged: 0 });
    const row = await env.db.auditLog.findFirstOrThrow({ where: { action: "cache.purge" }, orderBy: { createdAt: "desc" } });
    assert.deepEqual([row.entityType, row.entityId, row.actorId, row.actorLabel], ["cache", "route:players-api", env.users.admin.id, env.users.admin.email]);
    assert.deepEqual(row.after, { scope: { by: "route", route: "players-api" }, purged: 0, gatewayUrl: gateway.adminUrl.replace(/\/+$/, "") });
    assert.match(row.correlationId, /^req_/);
  });

  it("takes every scope the gateway knows", async () => {
    const api = as(env.users.admin);
    for (const scope of [{ by: "tag", tag: "players" }, { by: "user", user: "usr_1" }, { by: "path", host: "API.tta.dev", path: "/api/players/1" }, { by: "all" }] as const) {
      assert.deepEqual(await api.cache.purge(scope), { purged: 0 }, scope.by);
    }
    const ids = (await env.db.auditLog.findMany({ where: { action: "cache.purge" }, orderBy: { createdAt: "asc" } })).map((r) => r.entityId);
    assert.deepEqual(ids.slice(-4), ["tag:players", "user:usr_1", "path:api.tta.dev/api/players/1", "all"]);
  });

  it("refuses operators and clinicians (FORBIDDEN) and writes nothing", async () => {
    const audits = await env.db.auditLog.count();
    for (const user of [env.users.operator, env.users.clinician]) {
      const refused = await refusal(as(user).cache.purge({ by: "all" }));
      assert.equal(refused.code, "FORBIDDEN");
      assert.match(refused.error.message, /admin role/);
    }
    assert.equal(await env.db.auditLog.count(), audits);
  });

  it("refuses a scope without its name or a path without its slash, at the field", async () => {
    const refused = await refusal(as(env.users.admin).cache.purge({ by: "path", host: "api.tta.dev", path: "api" }));
    assert.equal(refused.code, "BAD_REQUEST");
    assert.deepEqual(refused.fields.map((f) => f.path), ["path"]);
    assert.equal((await refusal(as(env.users.admin).cache.purge({ by: "tag", tag: " " }))).code, "BAD_REQUEST");
  });

  it("says no gateway could be reached (503), and that the gateway refused a wrong token (502), without an audit row", async () => {
    const audits = await env.db.auditLog.count();
    const none = await refusal(as(env.users.admin, ["http://127.0.0.1:1"]).cache.purge({ by: "all" }));
    assert.equal(none.code, "SERVICE_UNAVAILABLE");
    assert.match(none.error.message, /No gateway could be reached to purge the cache: http:\/\/127\.0\.0\.1:1 is unreachable/);
    assert.match((await refusal(as(env.users.admin, []).cache.purge({ by: "all" }))).error.message, /GATEWAY_ADMIN_URLS/);
    const wrong = await refusal(as(env.users.admin, [gateway.adminUrl], "not-the-admin-token-at-all").cache.purge({ by: "all" }));
    assert.equal(wrong.code, "BAD_GATEWAY");
    assert.match(wrong.error.message, /refused the purge \(GW_ADMIN_/);
    assert.equal(await env.db.auditLog.count(), audits);
  });
});
