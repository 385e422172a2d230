// Who may do what, against a real database: operators and clinicians read but never change the
// configuration, whatever they send; sign-in checks the password and refuses disabled users.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { checkCredentials } from "../../auth/credentials.ts";
import { loadActiveUser } from "../../auth/session-user.ts";
import { addUser, PASSWORD, refusal, setupConsoleTest, type ConsoleTestEnv } from "../test-support.ts";

describe("console API, security", () => {
  let env: ConsoleTestEnv;
  before(async () => {
    env = await setupConsoleTest("console_security");
  });
  after(async () => {
    await env?.tdb.drop();
  });

  async function snapshotCounts() {
    const [routes, revisions, audit] = await Promise.all([env.db.route.count(), env.db.configRevision.count(), env.db.auditLog.count()]);
    return { routes, revisions, audit, disabled: await env.db.route.count({ where: { enabled: false } }) };
  }

  for (const role of ["operator", "clinician"] as const) {
    it(`refuses every mutation to a ${role} with FORBIDDEN, even with valid input`, async () => {
      const api = env.as(env.users[role]);
      const players = (await api.routes.list()).find((r) => r.name === "players-api")!;
      const before = await snapshotCounts();
      const attempts = {
        "routes.create": api.routes.create({ name: "sneaky", path: "/sneaky/*", service: "players" }),
        "routes.update": api.routes.update({ ...players, path: "/elsewhere/*" }),
        "routes.setEnabled": api.routes.setEnabled({ id: players.id, enabled: false }),
        "routes.delete": api.routes.delete({ id: players.id }),
        "config.publish": api.config.publish({ message: "not mine to publish" }),
        "config.rollback": api.config.rollback({ number: 1 }),
      };
      for (const [name, attempt] of Object.entries(attempts)) {
        assert.equal((await refusal(attempt)).code, "FORBIDDEN", name);
      }
      assert.deepEqual(await snapshotCounts(), before);
      assert.equal((await api.routes.get({ id: players.id })).path, "/api/players/*");
    });
  }

  it("checks passwords, case-insensitively on the email, and refuses disabled users", async () => {
    const admin = await checkCredentials(env.db, "Admin@TTA.local", PASSWORD);
    assert.deepEqual(admin, env.users.admin);
    assert.equal(await checkCredentials(env.db, "admin@tta.local", "wrong"), null);
    assert.equal(await checkCredentials(env.db, "nobody@tta.local", PASSWORD), null);
    assert.equal(await checkCredentials(env.db, "", ""), null);
    assert.equal(await checkCredentials(env.db, undefined, undefined), null);

    const gone = await addUser(env.db, "admin", { disabled: true, email: "gone@tta.local" });
    assert.equal(await checkCredentials(env.db, "gone@tta.local", PASSWORD), null);
    // Each attempt is in the audit log; what was typed is kept only when it names a real account.
    const rows = await env.db.auditLog.findMany({ where: { action: { startsWith: "auth.sign_in" } }, orderBy: { createdAt: "asc" } });
    const seen = rows.map((r) => [r.action, (r.after as { reason?: string } | null)?.reason ?? null, r.entityId]);
    assert.deepEqual(seen, [
      ["auth.sign_in", null, env.users.admin.id],
      ["auth.sign_in_failed", "wrong_password", env.users.admin.id],
      ["auth.sign_in_failed", "unknown_email", null],
      ["auth.sign_in_failed", "missing_fields", null],
      ["auth.sign_in_failed", "missing_fields", null],
      ["auth.sign_in_failed", "disabled", gone.id],
    ]);
    assert.ok(!JSON.stringify(rows).includes("nobody@tta.local"), "an unknown email typed at sign-in is not kept");
    assert.ok(!JSON.stringify(rows).includes(PASSWORD), "no password in the audit log");
    // A session issued before the user was disabled no longer opens the API.
    assert.equal(await loadActiveUser(env.db, gone.id), null);
    assert.deepEqual(await loadActiveUser(env.db, env.users.operator.id), env.users.operator);
  });

  it("never hands out a password hash", async () => {
    const user = await env.db.user.findUnique({ where: { id: env.users.admin.id } });
    assert.equal((user as Record<string, unknown>).passwordHash, undefined);
    const signedIn = await checkCredentials(env.db, "admin@tta.local", PASSWORD);
    assert.equal((signedIn as unknown as Record<string, unknown>).passwordHash, undefined);
  });
});
