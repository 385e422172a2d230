// Inside a transaction Prisma loads an include's relations concurrently on the one connection it
// holds; pg deprecates overlapping queries on a client ("Calling client.query() when the client is
// already executing a query"), printed at every start and by the console. None may be issued.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { newId } from "@tta/domain";
import { SYSTEM_ACTOR } from "./audit.ts";
import { publish } from "./config/publish.ts";
import { routeRowInclude } from "./config/route-rows.ts";
import { DEMO_SERVICES, seedDemo, type DemoService } from "./seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

const warnings: string[] = [];
process.on("warning", (w) => warnings.push(`${w.name}: ${w.message}`));
const upstreams = Object.fromEntries(DEMO_SERVICES.map((n, i) => [n, `http://127.0.0.1:${5300 + i}`])) as Record<DemoService, string>;
let t: TestDatabase;

before(async () => {
  t = await createTestDatabase("client");
});
after(() => t.drop());

test("seeding, publishing and a transaction that includes relations overlap no queries on a connection", async () => {
  await seedDemo(t.db, { upstreams, admin: { email: "a@b.c", name: "A", password: "pw-for-tests" } });
  await publish(t.db, { actor: SYSTEM_ACTOR, correlationId: newId("request"), message: "again" });
  const routes = await t.db.$transaction((tx) => tx.route.findMany({ include: routeRowInclude }));
  assert.ok(routes.length > 0 && routes.every((r) => r.service.name));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(warnings.filter((w) => w.includes("already executing a query")), []);
});

test("a failing query in a transaction still fails and does not block the next one", async () => {
  await assert.rejects(t.db.$transaction(async (tx) => {
    await Promise.all([tx.$executeRawUnsafe("select 1/0"), tx.route.findMany({ include: routeRowInclude })]);
  }));
  assert.equal((await t.db.$transaction((tx) => tx.route.findMany({ include: routeRowInclude }))).length > 0, true);
});
