import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newId, snapshotChecksum, validateSnapshot } from "@tta/domain";
import { SYSTEM_ACTOR } from "../audit.ts";
import { DEMO_SERVICES, seedDemo, type DemoService } from "../seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { publish } from "./publish.ts";
import { rollback } from "./rollback.ts";
import { readWorkingSnapshot } from "./snapshot.ts";

const ctx = () => ({ actor: SYSTEM_ACTOR, correlationId: newId("request") });
const upstreams = Object.fromEntries(DEMO_SERVICES.map((n, i) => [n, `http://127.0.0.1:${5200 + i}`])) as Record<DemoService, string>;
let t: TestDatabase;

// A revision as published before auth policies, IP lists and adaptive limiting existed.
const legacySnapshot = {
  schemaVersion: 1,
  services: [{ name: "players", instances: [{ url: "http://127.0.0.1:5201", weight: 1 }] }],
  rateLimitPolicies: [{ name: "default", scope: "user", limit: 100, windowSeconds: 60, burst: 20, therapeuticMultiplier: 1.5, crisisBypass: true, failMode: "open" }],
  routes: [{ id: "rt_legacy", name: "players-api", path: "/api/players/*", service: "players", rateLimitPolicy: "default" }],
};

before(async () => {
  t = await createTestDatabase("polsnap");
  await seedDemo(t.db, { upstreams, admin: { email: "a@b.c", name: "A", password: "pw-for-tests" } });
});
after(() => t.drop());

describe("policies in snapshots", () => {
  it("publishes auth policies, IP lists and adaptive settings, and restores them on rollback", async () => {
    await t.db.authPolicy.create({
      data: { id: newId("authPolicy"), name: "tta-auth", issuer: "https://auth.tta.dev", audiences: ["tta"], algorithms: ["RS256"], jwksUrl: "http://127.0.0.1:5200/.well-known/jwks.json" },
    });
    await t.db.rateLimitPolicy.update({
      where: { name: "default" },
      data: { ipAllowList: ["10.0.0.0/8"], ipBlockList: ["2001:db8::/32"], adaptiveEnabled: true, adaptiveMinFactor: 0.5 },
    });
    const authPolicy = await t.db.authPolicy.findUniqueOrThrow({ where: { name: "tta-auth" } });
    await t.db.route.update({ where: { name: "players-api" }, data: { auth: "authenticated", authPolicyId: authPolicy.id } });

    const published = await publish(t.db, { ...ctx(), message: "edge policies" });
    const row = await t.db.configRevision.findUniqueOrThrow({ where: { number: published.number } });
    const checked = validateSnapshot(row.snapshot);
    assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
    const snap = checked.snapshot;
    // demo-auth comes with the seed (the demo auth service's tokens).
    assert.deepEqual(snap.authPolicies.map((p) => [p.name, p.rolesClaim, p.clockSkewSeconds]), [["demo-auth", "roles", 30], ["tta-auth", "roles", 30]]);
    const def = snap.rateLimitPolicies.find((p) => p.name === "default")!;
    assert.deepEqual([def.ipAllowList, def.ipBlockList, def.adaptive], [["10.0.0.0/8"], ["2001:db8::/32"], { enabled: true, latencyMsThreshold: 1000, errorRateThreshold: 0.2, minFactor: 0.5 }]);
    assert.equal(snap.routes.find((r) => r.name === "players-api")!.authPolicy, "tta-auth");

    await rollback(t.db, { ...ctx(), toNumber: 1 });
    assert.deepEqual((await t.db.authPolicy.findMany()).map((p) => p.name), ["demo-auth"]);
    const restored = await t.db.rateLimitPolicy.findUniqueOrThrow({ where: { name: "default" } });
    assert.deepEqual([restored.ipAllowList, restored.adaptiveEnabled], [[], false]);

    await rollback(t.db, { ...ctx(), toNumber: published.number });
    const back = await t.db.route.findUniqueOrThrow({ where: { name: "players-api" }, include: { authPolicy: true } });
    assert.equal(back.authPolicy?.name, "tta-auth");
    const working = validateSnapshot(await t.db.$transaction((tx) => readWorkingSnapshot(tx)));
    assert.ok(working.ok);
    assert.equal(snapshotChecksum(working.snapshot), row.checksum);
  });

  it("rolls back to a revision stored before these fields existed (they take their defaults)", async () => {
    const legacy = await t.db.configRevision.create({
      data: { id: newId("revision"), snapshot: legacySnapshot, checksum: snapshotChecksum(legacySnapshot), message: "legacy" },
    });
    await rollback(t.db, { ...ctx(), toNumber: legacy.number });
    const snap = validateSnapshot(await t.db.$transaction((tx) => readWorkingSnapshot(tx)));
    assert.ok(snap.ok);
    assert.deepEqual(snap.snapshot.authPolicies, []);
    assert.deepEqual(snap.snapshot.rateLimitPolicies[0]!.adaptive, { enabled: false, latencyMsThreshold: 1000, errorRateThreshold: 0.2, minFactor: 0.25 });
    assert.equal(snap.snapshot.routes[0]!.authPolicy, null);
  });

  it("refuses a snapshot whose protected route names no auth policy, or an unknown one", () => {
    const noPolicy = validateSnapshot({ ...legacySnapshot, routes: [{ ...legacySnapshot.routes[0], auth: "authenticated" }] });
    assert.ok(!noPolicy.ok && noPolicy.errors.some((e) => e.path === "routes.0.authPolicy"));
    const unknown = validateSnapshot({ ...legacySnapshot, routes: [{ ...legacySnapshot.routes[0], auth: "restricted", authPolicy: "ghost" }] });
    assert.ok(!unknown.ok && unknown.errors.some((e) => e.path === "routes.0.authPolicy" && /unknown auth policy "ghost"/.test(e.message)));
  });
});
