// An aggregation route's kind and parts travel through route editing, publish, the revision diff
// and rollback; a part naming an unknown service is refused at its field; turning the route back
// into a proxy route clears the column; the services its parts call list it as a user, cannot be
// deleted while it does, and a rename follows into the parts.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newId, validateSnapshot, ZSnapshot, type TSnapshot } from "@tta/domain";
import { SYSTEM_ACTOR } from "../audit.ts";
import { ConfigValidationError } from "../errors.ts";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { publish } from "./publish.ts";
import { restoreWorkingTables } from "./restore.ts";
import { getRevisionDetail } from "./revision-diff.ts";
import { rollback } from "./rollback.ts";
import { checkRoute, createRoute, getRoute, updateRoute } from "./routes.ts";
import { deleteService, getService, listServices, updateService } from "./services.ts";

const ctx = () => ({ actor: SYSTEM_ACTOR, correlationId: newId("request") });
let t: TestDatabase;

const CRISIS = { lines: [{ name: "988 Suicide & Crisis Lifeline", phone: "988" }] };
const parts = [
  { key: "player", service: "players", path: "/players/:id" },
  { key: "sessions", service: "sessions", path: "/sessions?player=:id", required: false, timeoutMs: 800 },
  { key: "crisisResources", service: "safety", path: "/resources", fallback: CRISIS },
];
const route = { name: "player-overview", path: "/api/overview/:id", service: "players", methods: ["GET"], kind: "aggregate", aggregate: { parts } };
const full = (p: (typeof parts)[number]) => ({ method: "GET", timeoutMs: 5_000, required: true, fallback: null, ...p });

async function publishSnap(message: string): Promise<{ number: number; snapshot: TSnapshot }> {
  const published = await publish(t.db, { ...ctx(), message });
  const row = await t.db.configRevision.findUniqueOrThrow({ where: { number: published.number } });
  const checked = validateSnapshot(row.snapshot);
  assert.ok(checked.ok);
  return { number: published.number, snapshot: checked.snapshot };
}

async function refusal(promise: Promise<unknown>): Promise<ConfigValidationError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConfigValidationError, String(error));
    return error;
  }
  assert.fail("expected a ConfigValidationError");
}

before(async () => {
  t = await createTestDatabase("routeagg");
  const services = ZSnapshot.parse({
    schemaVersion: 1,
    services: ["players", "sessions", "safety"].map((name, i) => ({ name, instances: [{ url: `http://127.0.0.1:${5250 + i}` }] })),
    routes: [],
  });
  await t.db.$transaction((tx) => restoreWorkingTables(tx, services));
});
after(() => t.drop());

describe("aggregation routes in the config store", () => {
  let id = "";

  it("refuses a part naming an unknown service at that part's field, with the schema's errors in the same answer", async () => {
    const bad = { ...route, aggregate: { parts: [...parts, { key: "ghost", service: "no-such-service", path: "/x/:nope" }] } };
    const fields = await checkRoute(t.db, bad, null);
    assert.deepEqual(
      fields.map((f) => [f.path, f.message]),
      [
        ["aggregate.parts.3.path", "uses :nope which the path does not capture"],
        ["aggregate.parts.3.service", 'unknown service "no-such-service"'],
      ],
    );
    await refusal(createRoute(t.db, bad, ctx()));
    assert.equal(await t.db.route.count(), 0);
  });

  it("is created with its parts' defaults filled in, published, diffed and rolled back", async () => {
    const created = await createRoute(t.db, route, ctx());
    id = created.id;
    assert.equal(created.kind, "aggregate");
    assert.deepEqual(created.aggregate, { parts: parts.map(full) });

    const first = await publishSnap("overview");
    assert.equal(first.snapshot.routes[0]!.kind, "aggregate");
    assert.deepEqual(first.snapshot.routes[0]!.aggregate, { parts: parts.map(full) });

    const shorter = { parts: parts.map((p) => (p.key === "sessions" ? { ...p, timeoutMs: 500 } : p)) };
    await updateRoute(t.db, id, { ...route, aggregate: shorter }, ctx());
    const second = await publishSnap("shorter sessions timeout");
    const diff = (await getRevisionDetail(t.db, second.number)).diff;
    assert.deepEqual(diff.map((d) => [d.name, d.fields.map((f) => f.field)]), [["player-overview", ["aggregate"]]]);

    await rollback(t.db, { ...ctx(), toNumber: first.number });
    assert.deepEqual((await getRoute(t.db, id)).aggregate, { parts: parts.map(full) });
  });

  it("lists the route as a user of every service its parts call, and refuses deleting one", async () => {
    const services = await listServices(t.db);
    for (const name of ["players", "sessions", "safety"]) assert.deepEqual(services.find((s) => s.name === name)!.usedBy, ["player-overview"], name);
    const safety = services.find((s) => s.name === "safety")!;
    assert.deepEqual((await getService(t.db, safety.id)).usedBy, ["player-overview"]);
    const refused = await refusal(deleteService(t.db, safety.id, ctx()));
    assert.match(refused.message, /used by route player-overview/);
  });

  it("follows a rename of a part's service into the parts", async () => {
    const safety = (await listServices(t.db)).find((s) => s.name === "safety")!;
    const { id: _id, updatedAt: _u, usedBy: _b, dependents: _d, ...fields } = safety;
    await updateService(t.db, safety.id, { ...fields, name: "care" }, ctx());
    const after = await getRoute(t.db, id);
    assert.deepEqual(after.aggregate!.parts.map((p) => p.service), ["players", "sessions", "care"]);
    const published = await publishSnap("renamed");
    assert.equal(published.snapshot.routes[0]!.aggregate!.parts[2]!.service, "care");
  });

  it("becomes a proxy route again: the parts column is cleared (SQL NULL)", async () => {
    const proxy = await updateRoute(t.db, id, { ...route, kind: "proxy", aggregate: null }, ctx());
    assert.equal(proxy.kind, "proxy");
    assert.equal(proxy.aggregate, null);
    const [row] = await t.db.$queryRaw<Array<{ empty: boolean }>>`select aggregate is null as empty from routes where id = ${id}`;
    assert.ok(row!.empty);
    const safety = (await listServices(t.db)).find((s) => s.name === "care")!;
    assert.deepEqual(safety.usedBy, []);
  });
});
