// A route's edge settings (header overrides, CORS, body limits) travel through restore, publish
// and rollback, and clearing them clears the columns.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newId, validateSnapshot, ZSnapshot, type TSnapshot } from "@tta/domain";
import { SYSTEM_ACTOR } from "../audit.ts";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { publish } from "./publish.ts";
import { restoreWorkingTables } from "./restore.ts";
import { rollback } from "./rollback.ts";

const ctx = () => ({ actor: SYSTEM_ACTOR, correlationId: newId("request") });
let t: TestDatabase;

const edge = {
  headers: { "content-security-policy": "default-src 'self'", "x-frame-options": null },
  cors: { origins: ["https://app.tta.dev"], methods: ["GET", "POST"], headers: ["content-type"], credentials: true, maxAge: 300 },
  maxBodyBytes: 2048,
  bodyValidation: "json",
} as const;

function snap(withEdge: boolean): TSnapshot {
  return ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "players", instances: [{ url: "http://127.0.0.1:5201" }] }],
    routes: [{ id: "rt_edge", name: "players-api", path: "/api/players/*", service: "players", ...(withEdge ? edge : {}) }],
  });
}

async function publishSnap(s: TSnapshot): Promise<TSnapshot> {
  await t.db.$transaction((tx) => restoreWorkingTables(tx, s));
  const published = await publish(t.db, { ...ctx(), message: "edge" });
  const row = await t.db.configRevision.findUniqueOrThrow({ where: { number: published.number } });
  const checked = validateSnapshot(row.snapshot);
  assert.ok(checked.ok);
  return checked.snapshot;
}

before(async () => {
  t = await createTestDatabase("routeedge");
});
after(() => t.drop());

describe("route edge settings in snapshots", () => {
  it("are published as set, cleared when unset, and come back on rollback", async () => {
    const first = await publishSnap(snap(true));
    const route = first.routes[0]!;
    assert.deepEqual({ headers: route.headers, cors: route.cors, maxBodyBytes: route.maxBodyBytes, bodyValidation: route.bodyValidation }, edge);

    const second = await publishSnap(snap(false));
    const cleared = second.routes[0]!;
    assert.deepEqual(
      { headers: cleared.headers, cors: cleared.cors, maxBodyBytes: cleared.maxBodyBytes, bodyValidation: cleared.bodyValidation },
      { headers: null, cors: null, maxBodyBytes: null, bodyValidation: "none" },
    );
    const firstNumber = (await t.db.configRevision.findFirstOrThrow({ orderBy: { number: "asc" } })).number;
    await rollback(t.db, { ...ctx(), toNumber: firstNumber });
    const row = await t.db.route.findUniqueOrThrow({ where: { name: "players-api" } });
    assert.equal(row.maxBodyBytes, 2048);
    assert.equal(row.bodyValidation, "json");
    assert.deepEqual(row.cors, edge.cors);
  });
});
