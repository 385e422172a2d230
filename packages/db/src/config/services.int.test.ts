// Service editing against a real database: create with instances, validation with field paths,
// rename followed by dependents, deletes refused while routes use the service, every change audited,
// and publish/rollback carrying the service's settings.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newId, validateSnapshot } from "@tta/domain";
import { SYSTEM_ACTOR } from "../audit.ts";
import { ConfigValidationError } from "../errors.ts";
import { DEMO_SERVICES, seedDemo, type DemoService } from "../seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { publish } from "./publish.ts";
import { rollback } from "./rollback.ts";
import { createRoute } from "./routes.ts";
import { createService, deleteService, getService, listServices, updateService } from "./services.ts";

const ctx = () => ({ actor: SYSTEM_ACTOR, correlationId: newId("request") });
const upstreams = Object.fromEntries(DEMO_SERVICES.map((n, i) => [n, `http://127.0.0.1:${5300 + i}`])) as Record<DemoService, string>;
let t: TestDatabase;

const billing = {
  name: "billing",
  environment: "prototype",
  version: "2.1.0",
  therapeuticPriority: "therapeutic",
  healthCheckPath: "/healthz",
  dependencies: ["players"],
  loadBalancing: "weighted_round_robin",
  healthCheck: { enabled: true, intervalMs: 5_000, timeoutMs: 500, healthyThreshold: 3, unhealthyThreshold: 4 },
  circuitBreaker: { failureRateThreshold: 40, minimumCalls: 8, openMs: 20_000, halfOpenProbes: 1 },
  instances: [
    { url: "http://127.0.0.1:5400", weight: 3 },
    { url: "http://127.0.0.1:5401", weight: 1 },
  ],
};

/** The refusal a call ends with: field errors with their paths. */
async function fieldsOf(promise: Promise<unknown>): Promise<ConfigValidationError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConfigValidationError, String(error));
    return error;
  }
  assert.fail("expected a ConfigValidationError");
}

before(async () => {
  t = await createTestDatabase("services");
  await seedDemo(t.db, { upstreams, admin: { email: "a@b.c", name: "A", password: "pw-for-tests" } });
});
after(() => t.drop());

describe("service editing", () => {
  it("creates a service with its instances, lists it, and audits the change", async () => {
    const created = await createService(t.db, billing, ctx());
    assert.match(created.id, /^svc_/);
    assert.deepEqual(created.instances, billing.instances);
    assert.deepEqual([created.environment, created.version, created.therapeuticPriority, created.loadBalancing], ["prototype", "2.1.0", "therapeutic", "weighted_round_robin"]);
    assert.equal(created.healthCheck.intervalMs, 5_000);
    assert.equal(created.circuitBreaker.failureRateThreshold, 40);
    assert.deepEqual([created.usedBy, created.dependents], [[], []]);

    const listed = await listServices(t.db);
    assert.ok(listed.some((s) => s.name === "billing"));
    assert.deepEqual(listed.find((s) => s.name === "players")!.dependents, ["billing"]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: created.id } });
    assert.deepEqual([audit.action, audit.entityType], ["service.create", "service"]);
    assert.equal((audit.after as { name: string }).name, "billing");
  });

  it("refuses bad input with a field error per problem, and writes nothing", async () => {
    const count = await t.db.service.count();
    const bad = await fieldsOf(
      createService(t.db, { ...billing, name: "Bad Name", environment: "staging", instances: [{ url: "ftp://x", weight: 0 }], healthCheck: { intervalMs: 5 } }, ctx()),
    );
    const paths = bad.fields.map((f) => f.path).sort();
    assert.deepEqual(paths, ["environment", "healthCheck.intervalMs", "instances.0.url", "instances.0.weight", "name"]);

    const none = await fieldsOf(createService(t.db, { ...billing, name: "empty", instances: [] }, ctx()));
    assert.deepEqual(none.fields, [{ path: "instances", message: "a service needs at least one instance" }]);

    const crossed = await fieldsOf(
      createService(t.db, { ...billing, dependencies: ["billing", "nowhere"], instances: [billing.instances[0], { url: "http://127.0.0.1:5400/", weight: 1 }] }, ctx()),
    );
    assert.deepEqual(crossed.fields, [
      { path: "name", message: 'a service named "billing" already exists' },
      { path: "instances.1.url", message: "this URL is listed twice" },
      { path: "dependencies.0", message: "a service cannot depend on itself" },
      { path: "dependencies.1", message: 'unknown service "nowhere"' },
    ]);
    assert.equal(await t.db.service.count(), count);
  });

  it("updates a service; a rename follows into the dependency lists of other services", async () => {
    const billingRow = (await listServices(t.db)).find((s) => s.name === "billing")!;
    const players = (await listServices(t.db)).find((s) => s.name === "players")!;
    const { id, updatedAt: _u, usedBy: _r, dependents: _d, ...fields } = players;
    const renamed = await updateService(t.db, id, { ...fields, name: "player-profiles", instances: [{ url: "http://127.0.0.1:5999", weight: 2 }] }, ctx());
    assert.equal(renamed.id, id);
    assert.deepEqual(renamed.instances, [{ url: "http://127.0.0.1:5999", weight: 2 }]);
    assert.ok(renamed.usedBy.includes("players-api"), "the routes follow the row, not the name");
    assert.deepEqual((await getService(t.db, billingRow.id)).dependencies, ["player-profiles"]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: id, action: "service.update" } });
    assert.deepEqual([(audit.before as { name: string }).name, (audit.after as { name: string }).name], ["players", "player-profiles"]);
    await updateService(t.db, id, fields, ctx());
    assert.deepEqual((await getService(t.db, billingRow.id)).dependencies, ["players"]);
  });

  it("refuses to delete a service that routes use, naming them; deletes it once they are gone", async () => {
    const players = (await listServices(t.db)).find((s) => s.name === "players")!;
    const refused = await fieldsOf(deleteService(t.db, players.id, ctx()));
    assert.match(refused.message, /^The service "players" is used by routes? .*players-api.* and is a dependency of service billing and was not deleted\.$/);
    assert.equal(refused.fields[0]!.path, "usedBy");

    const billingRow = (await listServices(t.db)).find((s) => s.name === "billing")!;
    await createRoute(t.db, { name: "billing-api", path: "/api/billing/*", service: "billing" }, ctx());
    const inUse = await fieldsOf(deleteService(t.db, billingRow.id, ctx()));
    assert.equal(inUse.message, 'The service "billing" is used by route billing-api and was not deleted.');
    assert.deepEqual(inUse.fields, [{ path: "usedBy", message: "used by route billing-api: point it at another service or delete it first" }]);
    assert.ok(await t.db.service.findUnique({ where: { id: billingRow.id } }));

    await t.db.route.delete({ where: { name: "billing-api" } });
    await deleteService(t.db, billingRow.id, ctx());
    assert.equal(await t.db.service.findUnique({ where: { id: billingRow.id } }), null);
    assert.equal(await t.db.serviceInstance.count({ where: { serviceId: billingRow.id } }), 0);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: billingRow.id, action: "service.delete" } });
    assert.equal((audit.before as { name: string }).name, "billing");
    await assert.rejects(deleteService(t.db, billingRow.id, ctx()), /does not exist/);
  });

  it("publishes a service's settings and instances, and a rollback restores the working tables", async () => {
    const created = await createService(t.db, { ...billing, name: "ledger", dependencies: [] }, ctx());
    const published = await publish(t.db, { ...ctx(), message: "add ledger" });
    const row = await t.db.configRevision.findUniqueOrThrow({ where: { number: published.number } });
    const checked = validateSnapshot(row.snapshot);
    assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
    const ledger = checked.snapshot.services.find((s) => s.name === "ledger")!;
    assert.deepEqual([ledger.healthCheckPath, ledger.healthCheck.healthyThreshold, ledger.circuitBreaker.minimumCalls, ledger.instances.length], ["/healthz", 3, 8, 2]);

    await rollback(t.db, { ...ctx(), toNumber: 1 });
    assert.equal(await t.db.service.findUnique({ where: { name: "ledger" } }), null);
    await rollback(t.db, { ...ctx(), toNumber: published.number });
    const back = (await listServices(t.db)).find((s) => s.name === "ledger")!;
    assert.deepEqual([back.version, back.instances], ["2.1.0", billing.instances]);
    assert.notEqual(back.id, created.id, "a restored service is a new row");
  });

  it("keeps a service's upstream TLS references through edit, publish and rollback; clearing them empties the column", async () => {
    const tls = { caFile: "/etc/tta/tls/vault-ca.pem", certFile: "env:VAULT_TLS_CERT_FILE", keyFile: "env:VAULT_TLS_KEY_FILE", serverName: "vault.internal", rejectUnauthorized: true };
    const created = await createService(t.db, { ...billing, name: "vault", dependencies: [], instances: [{ url: "https://127.0.0.1:5500", weight: 1 }], tls }, ctx());
    assert.deepEqual(created.tls, tls);
    const published = await publish(t.db, { ...ctx(), message: "add vault" });
    const row = await t.db.configRevision.findUniqueOrThrow({ where: { number: published.number } });
    const checked = validateSnapshot(row.snapshot);
    assert.ok(checked.ok);
    assert.deepEqual(checked.snapshot.services.find((s) => s.name === "vault")!.tls, tls);

    const { id: _id, updatedAt: _u, usedBy: _b, dependents: _d, tls: _tls, ...rest } = created;
    const cleared = await updateService(t.db, created.id, rest, ctx());
    assert.equal(cleared.tls, undefined);
    assert.equal((await t.db.service.findUniqueOrThrow({ where: { id: created.id } })).upstreamTls, null);
    await rollback(t.db, { ...ctx(), toNumber: published.number });
    assert.deepEqual((await listServices(t.db)).find((s) => s.name === "vault")!.tls, tls);
  });
});
