import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newId, validateSnapshot } from "@tta/domain";
import { SYSTEM_ACTOR } from "../audit.ts";
import { ConfigValidationError } from "../errors.ts";
import { seedDemo, DEMO_SERVICES, type DemoService } from "../seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { publish } from "./publish.ts";
import { rollback } from "./rollback.ts";
import { createRoute, listRoutes } from "./routes.ts";

const ctx = () => ({ actor: SYSTEM_ACTOR, correlationId: newId("request") });
const upstreams = Object.fromEntries(DEMO_SERVICES.map((n, i) => [n, `http://127.0.0.1:${5100 + i}`])) as Record<DemoService, string>;
let t: TestDatabase;

before(async () => {
  t = await createTestDatabase("pub");
  await seedDemo(t.db, { upstreams, admin: { email: "a@b.c", name: "A", password: "pw-for-tests" } });
});
after(() => t.drop());

describe("publish and rollback", () => {
  it("publishes the working tables as a new, valid revision and audits it", async () => {
    await createRoute(t.db, { name: "hello", path: "/hello/*", service: "players" }, ctx());
    const rev = await publish(t.db, { ...ctx(), message: "add hello" });
    assert.equal(rev.number, 2);
    const stored = await t.db.configRevision.findUniqueOrThrow({ where: { number: 2 } });
    const checked = validateSnapshot(stored.snapshot);
    assert.ok(checked.ok);
    assert.ok(checked.snapshot.routes.some((r) => r.name === "hello" && r.path === "/hello/*"));
    const audit = await t.db.auditLog.findFirst({ where: { action: "config.publish", entityId: rev.id } });
    assert.equal(audit?.correlationId.startsWith("req_"), true);
  });

  it("refuses to publish an invalid working configuration and writes nothing", async () => {
    const before = await t.db.configRevision.count();
    const svc = await t.db.service.findUniqueOrThrow({ where: { name: "agents" } });
    const instances = await t.db.serviceInstance.findMany({ where: { serviceId: svc.id } });
    await t.db.serviceInstance.deleteMany({ where: { serviceId: svc.id } });
    await assert.rejects(publish(t.db, { ...ctx(), message: "broken" }), (e: unknown) => {
      assert.ok(e instanceof ConfigValidationError);
      assert.ok(e.fields.some((f) => /^services\.\d+\.instances$/.test(f.path)), JSON.stringify(e.fields));
      return true;
    });
    assert.equal(await t.db.configRevision.count(), before);
    await t.db.serviceInstance.createMany({ data: instances });
  });

  it("rolls back by publishing the old snapshot again and restoring the working tables", async () => {
    const rev = await rollback(t.db, { ...ctx(), toNumber: 1 });
    assert.equal(rev.number, 3);
    const [one, three] = await Promise.all([1, 3].map((n) => t.db.configRevision.findUniqueOrThrow({ where: { number: n } })));
    assert.equal(three!.checksum, one!.checksum);
    assert.equal(three!.rolledBackFrom, 1);
    assert.equal((await listRoutes(t.db)).some((r) => r.name === "hello"), false);
  });
});
