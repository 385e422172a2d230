// Service editing through the API against a real database: every role reads, only admins write;
// field errors at the form's paths; deletes of services in use refused with the routes' names;
// a new service published with a route that sends traffic to it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

const ledger = { name: "ledger", environment: "prod" as const, version: "3.0.0", instances: [{ url: "http://127.0.0.1:4301", weight: 2 }] };

describe("console API, services", () => {
  let env: ConsoleTestEnv;
  before(async () => {
    env = await setupConsoleTest("console_services");
  });
  after(async () => {
    await env?.tdb.drop();
  });
  const admin = () => env.as(env.users.admin);

  it("lists the seeded services with their instances and routes to every role", async () => {
    for (const role of ["admin", "operator", "clinician"] as const) {
      const api = env.as(env.users[role]);
      const players = (await api.services.list()).find((s) => s.name === "players")!;
      assert.deepEqual(players.instances, [{ url: "http://127.0.0.1:4102", weight: 1 }]);
      assert.ok(players.usedBy.includes("players-api"), players.usedBy.join());
      assert.equal((await api.services.get({ id: players.id })).name, "players");
    }
  });

  it("refuses every change to an operator and a clinician, and to nobody signed in", async () => {
    const players = (await admin().services.list()).find((s) => s.name === "players")!;
    const { id, updatedAt: _u, usedBy: _r, dependents: _d, ...fields } = players;
    for (const role of ["operator", "clinician"] as const) {
      const api = env.as(env.users[role]);
      assert.equal((await refusal(api.services.create(ledger))).code, "FORBIDDEN");
      assert.equal((await refusal(api.services.update({ id, ...fields, version: "9.9.9" }))).code, "FORBIDDEN");
      assert.equal((await refusal(api.services.delete({ id }))).code, "FORBIDDEN");
    }
    assert.equal((await refusal(env.as(null).services.list())).code, "UNAUTHORIZED");
    assert.equal((await admin().services.get({ id })).version, players.version);
    assert.equal(await env.db.service.count({ where: { name: "ledger" } }), 0);
  });

  it("creates a service, routes to it and publishes; the revision shows it added", async () => {
    const api = admin();
    const created = await api.services.create(ledger);
    assert.deepEqual([created.environment, created.version, created.loadBalancing, created.healthCheckPath], ["prod", "3.0.0", "round_robin", "/health"]);
    await api.routes.create({ name: "ledger-api", path: "/api/ledger/*", service: "ledger" });
    assert.deepEqual((await api.services.get({ id: created.id })).usedBy, ["ledger-api"]);
    const published = await api.config.publish({ message: "Add the ledger" });
    const detail = await api.config.revision({ number: published.number });
    assert.deepEqual(detail.diff.map((d) => `${d.change} ${d.kind} ${d.name}`).sort(), ["added route ledger-api", "added service ledger"]);
    const audit = await env.db.auditLog.findFirstOrThrow({ where: { entityId: created.id } });
    assert.deepEqual([audit.action, audit.actorId], ["service.create", env.users.admin.id]);
  });

  it("refuses invalid services with field errors at the form's paths", async () => {
    const api = admin();
    const bad = await refusal(api.services.create({ ...ledger, name: "Ledger Two", instances: [{ url: "not a url", weight: 1 }, { url: "http://127.0.0.1:1", weight: 101 }], healthCheck: { unhealthyThreshold: 0 } }));
    assert.equal(bad.code, "BAD_REQUEST");
    assert.deepEqual(bad.fields.map((f) => f.path).sort(), ["healthCheck.unhealthyThreshold", "instances.0.url", "instances.1.weight", "name"]);
    const taken = await refusal(api.services.create({ ...ledger, dependencies: ["ghost"] }));
    assert.deepEqual(taken.fields, [
      { path: "name", message: 'a service named "ledger" already exists' },
      { path: "dependencies.0", message: 'unknown service "ghost"' },
    ]);
  });

  it("refuses to delete a service a route uses, naming the route; deletes it once free", async () => {
    const api = admin();
    const service = (await api.services.list()).find((s) => s.name === "ledger")!;
    const inUse = await refusal(api.services.delete({ id: service.id }));
    assert.equal(inUse.code, "BAD_REQUEST");
    assert.equal(inUse.error.message, 'The service "ledger" is used by route ledger-api and was not deleted.');
    const route = (await api.routes.list()).find((r) => r.name === "ledger-api")!;
    await api.routes.delete({ id: route.id });
    assert.deepEqual(await api.services.delete({ id: service.id }), { id: service.id });
    assert.equal((await refusal(api.services.get({ id: service.id }))).code, "NOT_FOUND");
  });
});
