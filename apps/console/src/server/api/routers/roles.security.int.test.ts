// Every mutation of the app router, found by walking it (so procedures added later are covered
// without anyone remembering to list them), called as an operator and as a clinician with input
// that an admin's call would carry: refused with FORBIDDEN, and the database is left as it was.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { readWorkingSnapshot, recordTherapeuticEvents } from "@tta/db";
import { newId, snapshotChecksum } from "@tta/domain";
import { appRouter } from "../root.ts";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../test-support.ts";

/** Mutations some non-admin role may call, reviewed one by one (keep in step with trpc.test.ts). */
const OPEN_TO: Record<string, string[]> = {
  "operations.forceBreaker": ["operator"], // operators run the gateways (audited; operations.int.test.ts)
  // Escalation steps are clinicians' alone (escalations.int.test.ts); admins are refused them below.
  "escalations.acknowledge": ["clinician"],
  "escalations.assign": ["clinician"],
  "escalations.addNote": ["clinician"],
  "escalations.resolve": ["clinician"],
  "escalations.sendMessage": ["clinician"], // the player's live session (live-session.int.test.ts)
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
    const { usedBy: _usedBy, dependents: _dependents, updatedAt: _updatedAt, ...service } = (await admin.services.list()).find((s) => s.name === "agents")!;
    const eventId = newId("event");
    await recordTherapeuticEvents(env.db, [
      {
        id: eventId, type: "self_harm", severity: "high", escalated: true, userId: null, sessionId: null, routeName: "chat-api",
        excerpt: "i cut myself again", signals: [], correlationId: newId("request"), detectedAt: new Date(),
      },
    ]);
    // Input a browser could send; the refusal must not depend on it being wrong.
    inputs = {
      "routes.create": { name: "sneaky", path: "/sneaky/*", service: "players" },
      "routes.update": { ...route, path: "/elsewhere/*" },
      "routes.setEnabled": { id: route.id, enabled: false },
      "routes.delete": { id: route.id },
      "config.publish": { message: "not mine to publish" },
      "config.rollback": { number: 1 },
      "config.importPreview": { yaml: "apiVersion: tta.gateway/v1\nkind: GatewayConfig\nservices: []\nroutes: []\n" },
      "config.importApply": { yaml: "apiVersion: tta.gateway/v1\nkind: GatewayConfig\nservices: []\nroutes: []\n", mode: "publish", message: "wipe it all" },
      "services.create": { name: "sneaky", instances: [{ url: "http://127.0.0.1:9", weight: 1 }] },
      "services.update": { ...service, version: "6.6.6" },
      "services.delete": { id: service.id },
      "policies.rateLimit.create": { name: "sneaky", limit: 1, windowSeconds: 1 },
      "policies.rateLimit.update": { ...policy, limit: 1_000_000 },
      "policies.rateLimit.delete": { id: policy.id },
      "policies.auth.create": { name: "sneaky", issuer: "me", algorithms: ["HS256"], secretRef: "MINE" },
      "users.create": { name: "Sneaky", email: "sneaky@tta.local", roles: ["admin"], password: "long enough password" },
      "users.setRoles": { id: env.users.operator.id, roles: ["admin"] },
      "users.setDisabled": { id: env.users.admin.id, disabled: true },
      "users.resetPassword": { id: env.users.admin.id, password: "long enough password" },
      "operations.forceBreaker": { service: "players", instance: "http://127.0.0.1:4102", action: "force_open" },
      "escalations.acknowledge": { id: eventId },
      "escalations.assign": { id: eventId, assigneeId: env.users.admin.id },
      "escalations.addNote": { id: eventId, body: "not mine to write" },
      "escalations.resolve": { id: eventId },
      "escalations.sendMessage": { id: eventId, text: "not mine to send" },
      "safety.rules.update": { rules: null },
      "safety.rules.test": { message: "I want to die" },
    };
  });
  after(async () => {
    await env?.tdb.drop();
  });

  async function fingerprint() {
    const snapshot = await env.db.$transaction((tx) => readWorkingSnapshot(tx));
    const users = await env.db.user.findMany({ select: { id: true, roles: true, disabled: true, updatedAt: true }, orderBy: { id: "asc" } });
    const counts = [await env.db.configRevision.count(), await env.db.auditLog.count(), await env.db.user.count(), await env.db.eventNote.count()];
    const events = await env.db.therapeuticEvent.findMany({ select: { id: true, status: true, assigneeId: true }, orderBy: { id: "asc" } });
    return { snapshot: snapshotChecksum(snapshot), users, counts, events };
  }

  async function call(role: "admin" | "operator" | "clinician", path: string, input: unknown) {
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

  it("refuses the escalation steps to an admin without the clinician role and changes nothing", async () => {
    const before = await fingerprint();
    const steps = mutations.filter((path) => path.startsWith("escalations."));
    assert.equal(steps.length, 5);
    for (const path of steps) assert.equal((await refusal(call("admin", path, inputs[path]))).code, "FORBIDDEN", path);
    assert.deepEqual(await fingerprint(), before);
  });
});
