// Policy editing through the API against a real database: create, edit, attach to a route,
// publish, refuse bad input and deletes of policies in use; every change audited.
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

const publicKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString();

describe("console API, policies", () => {
  let env: ConsoleTestEnv;
  before(async () => {
    env = await setupConsoleTest("console_policies");
  });
  after(async () => {
    await env?.tdb.drop();
  });
  const admin = () => env.as(env.users.admin);
  const auditOf = (entityId: string) => env.db.auditLog.findMany({ where: { entityId }, orderBy: { createdAt: "asc" } });

  it("lists the seeded default rate-limit policy with the routes that use it, to every role", async () => {
    for (const role of ["admin", "operator", "clinician"] as const) {
      const policies = await env.as(env.users[role]).policies.rateLimit.list();
      const def = policies.find((p) => p.name === "default")!;
      assert.equal(def.limit, 100);
      assert.deepEqual(def.adaptive, { enabled: false, latencyMsThreshold: 1000, errorRateThreshold: 0.2, minFactor: 0.25 });
      assert.ok(def.usedBy.includes("players-api"), def.usedBy.join());
      assert.ok(Array.isArray(await env.as(env.users[role]).policies.auth.list()));
    }
  });

  it("tightens a rate-limit policy; the change is audited and shows as unpublished until published", async () => {
    const api = admin();
    const def = (await api.policies.rateLimit.list()).find((p) => p.name === "default")!;
    const { id: _id, updatedAt: _u, usedBy: _used, ...fields } = def;
    const saved = await api.policies.rateLimit.update({
      id: def.id,
      ...fields,
      limit: 3,
      burst: 0,
      ipAllowList: ["10.0.0.0/8"],
      ipBlockList: ["203.0.113.7"],
      adaptive: { enabled: true, latencyMsThreshold: 500, errorRateThreshold: 0.1, minFactor: 0.5 },
    });
    assert.deepEqual([saved.id, saved.limit, saved.burst, saved.ipBlockList], [def.id, 3, 0, ["203.0.113.7"]]);
    assert.equal((await api.config.status()).unpublishedChanges, true);

    const [audit] = await auditOf(def.id);
    assert.equal(audit!.action, "rateLimitPolicy.update");
    assert.equal(audit!.actorId, env.users.admin.id);
    assert.match(audit!.correlationId, /^req_/);
    assert.deepEqual([(audit!.before as { limit: number }).limit, (audit!.after as { limit: number }).limit], [100, 3]);

    const published = await api.config.publish({ message: "Tighten the default rate limit" });
    const detail = await api.config.revision({ number: published.number });
    const change = detail.diff.find((d) => d.kind === "rateLimitPolicy" && d.name === "default")!;
    assert.deepEqual(change.fields.map((f) => f.field).sort(), ["adaptive", "burst", "ipAllowList", "ipBlockList", "limit"]);
    assert.equal((await api.config.status()).unpublishedChanges, false);
  });

  it("creates an auth policy, attaches it to a route with the route form's fields, and publishes", async () => {
    const api = admin();
    const created = await api.policies.auth.create({ name: "players-tokens", issuer: "https://auth.tta.dev", audiences: ["tta-players"], algorithms: ["ES256"], publicKeys: [publicKey] });
    assert.match(created.id, /^aup_/);
    assert.deepEqual([created.rolesClaim, created.permissionsClaim, created.clockSkewSeconds, created.usedBy], ["roles", "permissions", 30, []]);
    const route = (await api.routes.list()).find((r) => r.name === "players-api")!;
    const needsPolicy = await refusal(api.routes.update({ ...route, auth: "authenticated", authPolicy: null }));
    assert.deepEqual(needsPolicy.fields.map((f) => f.path), ["authPolicy"]);
    const unknown = await refusal(api.routes.update({ ...route, auth: "authenticated", authPolicy: "ghost" }));
    assert.deepEqual(unknown.fields, [{ path: "authPolicy", message: 'unknown auth policy "ghost"' }]);

    const saved = await api.routes.update({ ...route, auth: "restricted", requiredRoles: ["player"], authPolicy: "players-tokens" });
    assert.equal(saved.authPolicy, "players-tokens");
    assert.deepEqual((await api.policies.auth.get({ id: created.id })).usedBy, ["players-api"]);
    const published = await api.config.publish({ message: "Players need a token" });
    const detail = await api.config.revision({ number: published.number });
    assert.deepEqual(detail.diff.map((d) => `${d.change} ${d.kind} ${d.name}`).sort(), ["added authPolicy players-tokens", "changed route players-api"]);
    assert.ok(detail.counts.authPolicies >= 1);
    assert.deepEqual((await auditOf(created.id)).map((a) => a.action), ["authPolicy.create"]);
  });

  it("refuses invalid policies with field errors at the form's paths, and writes nothing", async () => {
    const api = admin();
    const audits = await env.db.auditLog.count();
    const hmacMixed = await refusal(api.policies.auth.create({ name: "mixed", issuer: "iss", algorithms: ["HS256", "RS256"], secretRef: "TTA_SECRET", jwksUrl: "https://a.example/jwks" }));
    assert.deepEqual(hmacMixed.fields.map((f) => f.path), ["algorithms"]);
    const noSecret = await refusal(api.policies.auth.create({ name: "hmac", issuer: "iss", algorithms: ["HS256"] }));
    assert.deepEqual(noSecret.fields.map((f) => f.path), ["secretRef"]);
    const noKeys = await refusal(api.policies.auth.create({ name: "nokeys", issuer: "iss", algorithms: ["RS256"], clockSkewSeconds: 301 }));
    assert.deepEqual(noKeys.fields.map((f) => f.path).sort(), ["clockSkewSeconds", "jwksUrl"]);
    const badIps = await refusal(api.policies.rateLimit.create({ name: "strict", limit: 0, windowSeconds: 60, ipAllowList: ["10.0.0.0/8", "not-an-ip"] }));
    assert.deepEqual(badIps.fields.map((f) => f.path).sort(), ["ipAllowList.1", "limit"]);
    assert.equal(badIps.code, "BAD_REQUEST");
    const taken = await refusal(api.policies.rateLimit.create({ name: "default", limit: 5, windowSeconds: 60 }));
    assert.deepEqual(taken.fields, [{ path: "name", message: 'a rate-limit policy named "default" already exists' }]);
    const authTaken = await refusal(api.policies.auth.create({ name: "players-tokens", issuer: "x", algorithms: ["HS256"], secretRef: "S" }));
    assert.deepEqual(authTaken.fields.map((f) => f.path), ["name"]);
    assert.equal(await env.db.auditLog.count(), audits);
  });

  it("renames a policy without losing the routes that use it", async () => {
    const api = admin();
    const strict = await api.policies.rateLimit.create({ name: "strict", limit: 10, windowSeconds: 1, failMode: "closed" });
    const chat = (await api.routes.list()).find((r) => r.name === "chat-api")!;
    await api.routes.update({ ...chat, rateLimitPolicy: "strict" });
    const renamed = await api.policies.rateLimit.update({ ...strict, name: "very-strict" });
    assert.deepEqual(renamed.usedBy, ["chat-api"]);
    assert.equal((await api.routes.get({ id: chat.id })).rateLimitPolicy, "very-strict");
  });

  it("refuses to delete a policy that routes use, naming them; deletes it once it is free", async () => {
    const api = admin();
    const def = (await api.policies.rateLimit.list()).find((p) => p.name === "default")!;
    const inUse = await refusal(api.policies.rateLimit.delete({ id: def.id }));
    assert.equal(inUse.code, "BAD_REQUEST");
    assert.equal(inUse.fields[0]!.path, "usedBy");
    assert.match(inUse.fields[0]!.message, /used by routes agents-api, auth-api, .*players-api/);
    assert.match(inUse.error.message, /The rate-limit policy "default" is used by routes/);

    const tokens = (await api.policies.auth.list()).find((p) => p.name === "players-tokens")!;
    assert.match((await refusal(api.policies.auth.delete({ id: tokens.id }))).fields[0]!.message, /used by route players-api: give it another policy first/);
    const players = (await api.routes.list()).find((r) => r.name === "players-api")!;
    await api.routes.update({ ...players, auth: "public", authPolicy: null, requiredRoles: [] });
    assert.deepEqual(await api.policies.auth.delete({ id: tokens.id }), { id: tokens.id });
    assert.equal((await refusal(api.policies.auth.get({ id: tokens.id }))).code, "NOT_FOUND");
    assert.deepEqual((await auditOf(tokens.id)).map((a) => a.action), ["authPolicy.create", "authPolicy.delete"]);
    assert.equal((await refusal(api.policies.auth.delete({ id: tokens.id }))).code, "NOT_FOUND");
  });

  it("the database itself refuses to delete a policy in use (no silent loss of a route's limit)", async () => {
    const def = await env.db.rateLimitPolicy.findUniqueOrThrow({ where: { name: "default" } });
    await assert.rejects(env.db.rateLimitPolicy.delete({ where: { id: def.id } }), (e: { code?: string }) => e.code === "P2003");
  });
});
