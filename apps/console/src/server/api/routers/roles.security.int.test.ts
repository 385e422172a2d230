// Every mutation of the app router, found by walking it (so procedures added later are covered
// without anyone remembering to list them), called as an operator and as a clinician with input
// that an admin's call would carry: refused with FORBIDDEN, and the database is left as it was.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { readWorkingSnapshot } from "@tta/db";
import { snapshotChecksum } from "@tta/domain";
import { appRouter } from "../root.ts";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../test-support.ts";

/** Mutations some non-admin role may call, reviewed one by one (keep in step with trpc.test.ts). */
const OPEN_TO: Record<string, string[]> = {
  "operations.forceBreaker": ["operator"], // operators run the gateways (audited; operations.int.test.ts)
};

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const mutations = Object.keys(procedures).filter((path) => procedures[path]!._def.type === "mutation");

describe("console API, every mutation is role-gated", () => {
  let env: ConsoleTestEnv;
  let inputs: Record<string, unknown>;
  before(async () => {
    env = await setupConsoleTest("console_roles");
    const admin = env.as(env.users.admin);
    const route = (await admin.routes.list())[0]!;
    const policy = (await admin.policies.rateLimit.list())[0]!;
    // Input a browser could send; the refusal must not depend on it being wrong.
    inputs = {
      "routes.create": { name: "sneaky", path: "/sneaky/*", service: "players" },
      "routes.update": { ...route, path: "/elsewhere/*" },
      "routes.setEnabled": { id: route.id, enabled: false },
      "routes.delete": { id: route.id },
      "config.publish": { message: "not mine to publish" },
      "config.rollback": { number: 1 },
      "policies.rateLimit.create": { name: "sneaky", limit: 1, windowSeconds: 1 },
      "policies.rateLimit.update": { ...policy, limit: 1_000_000 },
      "policies.rateLimit.delete": { id: policy.id },
      "policies.auth.create": { name: "sneaky", issuer: "me", algorithms: ["HS256"], secretRef: "MINE" },
      "users.create": { name: "Sneaky", email: "sneaky@tta.local", roles: ["admin"], password: "long enough password" },
      "users.setRoles": { id: env.users.operator.id, roles: ["admin"] },
      "users.setDisabled": { id: env.users.admin.id, disabled: true },
      "users.resetPassword": { id: env.users.admin.id, password: "long enough password" },
      "operations.forceBreaker": { service: "players", instance: "http://127.0.0.1:4102", action: "force_open" },
    };
  });
  after(async () => {
    await env?.tdb.drop();
  });

  async function fingerprint() {
    const snapshot = await env.db.$transaction((tx) => readWorkingSnapshot(tx));
    const users = await env.db.user.findMany({ select: { id: true, roles: true, disabled: true, updatedAt: true }, orderBy: { id: "asc" } });
    const counts = [await env.db.configRevision.count(), await env.db.auditLog.count(), await env.db.user.count()];
    return { snapshot: snapshotChecksum(snapshot), users, counts };
  }

  async function call(role: "operator" | "clinician", path: string, input: unknown) {
    let fn: any = env.as(env.users[role]);
    for (const part of path.split(".")) fn = fn[part];
    return fn(input);
  }

  for (const role of ["operator", "clinician"] as const) {
    it(`refuses every mutation to a ${role} and changes nothing`, async () => {
      const before = await fingerprint();
      const gated = mutations.filter((path) => !OPEN_TO[path]?.includes(role));
      assert.ok(gated.length >= 15, `only ${gated.length} mutations found`);
      for (const path of gated) {
        for (const input of [inputs[path] ?? {}, { id: env.users[role].id }]) {
          assert.equal((await refusal(call(role, path, input))).code, "FORBIDDEN", path);
        }
      }
      assert.deepEqual(await fingerprint(), before);
    });
  }
});
