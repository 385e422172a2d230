// User management through the API against a real database: create, roles, disable/enable,
// password reset, each audited without a secret; an admin cannot lock themselves out.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { checkCredentials } from "../../../auth/credentials.ts";
import { loadActiveUser } from "../../../auth/session-user.ts";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

const NEW_PASSWORD = "a clinician's own long password";

describe("console API, users", () => {
  let env: ConsoleTestEnv;
  before(async () => {
    env = await setupConsoleTest("console_users");
  });
  after(async () => {
    await env?.tdb.drop();
  });
  const admin = () => env.as(env.users.admin);

  it("creates a user with roles and an initial password; they can sign in, and no hash comes back", async () => {
    const created = await admin().users.create({ name: "Cleo Clinician", email: "  Cleo@TTA.local ", roles: ["clinician"], password: NEW_PASSWORD });
    assert.match(created.id, /^usr_/);
    assert.deepEqual([created.email, created.roles, created.disabled], ["cleo@tta.local", ["clinician"], false]);
    assert.equal(JSON.stringify(created).includes("scrypt"), false);
    const listed = await admin().users.list();
    assert.ok(listed.some((u) => u.email === "cleo@tta.local"));
    assert.doesNotMatch(JSON.stringify(listed), /scrypt|passwordHash/);

    assert.equal((await checkCredentials(env.db, "cleo@tta.local", NEW_PASSWORD))?.id, created.id);
    const audit = await env.db.auditLog.findFirstOrThrow({ where: { entityId: created.id, action: "user.create" } });
    assert.equal(audit.actorId, env.users.admin.id);
    assert.doesNotMatch(JSON.stringify(audit), new RegExp(`${NEW_PASSWORD}|scrypt|passwordHash`));
  });

  it("refuses a duplicate email, a short password and no role, with field errors", async () => {
    const dup = await refusal(admin().users.create({ name: "Again", email: "ADMIN@tta.local", roles: ["operator"], password: NEW_PASSWORD }));
    assert.deepEqual(dup.fields, [{ path: "email", message: "a user with the email admin@tta.local already exists" }]);
    const bad = await refusal(admin().users.create({ name: "", email: "not-an-email", roles: [], password: "short" }));
    assert.deepEqual(bad.fields.map((f) => f.path).sort(), ["email", "name", "password", "roles"]);
  });

  it("changes roles, disables (out at once) and enables a user, and resets their password", async () => {
    const cleo = (await admin().users.list()).find((u) => u.email === "cleo@tta.local")!;
    assert.deepEqual((await admin().users.setRoles({ id: cleo.id, roles: ["clinician", "operator"] })).roles, ["clinician", "operator"]);
    assert.deepEqual((await loadActiveUser(env.db, cleo.id))?.roles, ["clinician", "operator"]);

    await admin().users.setDisabled({ id: cleo.id, disabled: true });
    assert.equal(await loadActiveUser(env.db, cleo.id), null);
    assert.equal(await checkCredentials(env.db, "cleo@tta.local", NEW_PASSWORD), null);
    await admin().users.setDisabled({ id: cleo.id, disabled: false });

    await admin().users.resetPassword({ id: cleo.id, password: "a brand new password" });
    assert.equal(await checkCredentials(env.db, "cleo@tta.local", NEW_PASSWORD), null);
    assert.equal((await checkCredentials(env.db, "cleo@tta.local", "a brand new password"))?.id, cleo.id);

    const audit = await env.db.auditLog.findMany({ where: { entityId: cleo.id }, orderBy: { createdAt: "asc" } });
    // Her sign-ins are audited too: the one that worked, the refused ones while disabled or with the old password.
    assert.deepEqual(audit.map((a) => a.action), [
      "user.create",
      "auth.sign_in",
      "user.set_roles",
      "user.disable",
      "auth.sign_in_failed",
      "user.enable",
      "user.reset_password",
      "auth.sign_in_failed",
      "auth.sign_in",
    ]);
    assert.deepEqual(audit.filter((a) => a.action === "auth.sign_in_failed").map((a) => (a.after as { reason: string }).reason), ["disabled", "wrong_password"]);
    assert.doesNotMatch(JSON.stringify(audit), /brand new|scrypt/);
    assert.equal((await refusal(admin().users.setRoles({ id: "usr_missing", roles: ["operator"] }))).code, "NOT_FOUND");
  });

  it("does not let an admin remove their own admin role or disable themselves", async () => {
    const me = env.users.admin;
    const audits = await env.db.auditLog.count();
    const demote = await refusal(admin().users.setRoles({ id: me.id, roles: ["operator"] }));
    assert.deepEqual(demote.fields.map((f) => f.path), ["roles"]);
    assert.match(demote.fields[0]!.message, /your own admin role/);
    const disable = await refusal(admin().users.setDisabled({ id: me.id, disabled: true }));
    assert.deepEqual(disable.fields.map((f) => f.path), ["disabled"]);
    assert.deepEqual((await loadActiveUser(env.db, me.id))?.roles, ["admin"]);
    assert.equal(await env.db.auditLog.count(), audits);
    // Adding a role to oneself, keeping admin, is fine.
    assert.deepEqual((await admin().users.setRoles({ id: me.id, roles: ["admin", "operator"] })).roles, ["admin", "operator"]);
  });

  it("an admin demoted by another admin loses the API at once", async () => {
    const second = await admin().users.create({ name: "Second Admin", email: "second@tta.local", roles: ["admin"], password: NEW_PASSWORD });
    await env.as(second).users.setRoles({ id: env.users.admin.id, roles: ["operator"] });
    const demoted = await loadActiveUser(env.db, env.users.admin.id);
    assert.equal((await refusal(env.as(demoted).users.list())).code, "FORBIDDEN");
    await env.as(second).users.setRoles({ id: env.users.admin.id, roles: ["admin"] });
  });

  for (const role of ["operator", "clinician"] as const) {
    it(`refuses every users procedure to a ${role}`, async () => {
      const api = env.as(env.users[role]);
      const me = env.users[role];
      const attempts = {
        list: api.users.list(),
        create: api.users.create({ name: "Sneaky", email: "sneaky@tta.local", roles: ["admin"], password: NEW_PASSWORD }),
        setRoles: api.users.setRoles({ id: me.id, roles: ["admin"] }),
        setDisabled: api.users.setDisabled({ id: env.users.admin.id, disabled: true }),
        resetPassword: api.users.resetPassword({ id: env.users.admin.id, password: NEW_PASSWORD }),
      };
      for (const [name, attempt] of Object.entries(attempts)) assert.equal((await refusal(attempt)).code, "FORBIDDEN", name);
      assert.deepEqual((await loadActiveUser(env.db, me.id))?.roles, [role]);
      assert.equal(await env.db.user.count({ where: { email: "sneaky@tta.local" } }), 0);
    });
  }
});
