// A route's safety policy travels through restore and publish; publishing refuses blocked
// categories that the rules do not have as content categories, with field paths.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newId, validateSnapshot, ZSnapshot, type TSnapshot } from "@tta/domain";
import { SYSTEM_ACTOR } from "../audit.ts";
import { ConfigValidationError } from "../errors.ts";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { publish } from "./publish.ts";
import { restoreWorkingTables } from "./restore.ts";

const ctx = () => ({ actor: SYSTEM_ACTOR, correlationId: newId("request") });
let t: TestDatabase;

function snap(route: object): TSnapshot {
  return ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "chat", instances: [{ url: "http://127.0.0.1:5201" }] }],
    routes: [{ id: "rt_safety", name: "chat-api", path: "/api/chat/*", service: "chat", safetyScan: "enforce", ...route }],
  });
}

before(async () => {
  t = await createTestDatabase("routesafety");
});
after(() => t.drop());

describe("route safety policy", () => {
  it("defaults to acknowledge, nothing blocked, PII allowed and answers unmasked", () => {
    const route = snap({}).routes[0]!;
    assert.deepEqual([route.crisisResponse, route.blockedCategories, route.forbidPii, route.maskResponsePii], ["acknowledge", [], false, false]);
    assert.equal(snap({}).safetyRules, null);
  });

  it("is published as set", async () => {
    const policy = { crisisResponse: "forward", blockedCategories: ["violent_threat", "harassment_hate"], forbidPii: true, maskResponsePii: true } as const;
    await t.db.$transaction((tx) => restoreWorkingTables(tx, snap(policy)));
    const published = await publish(t.db, { ...ctx(), message: "safety" });
    const row = await t.db.configRevision.findUniqueOrThrow({ where: { number: published.number } });
    const checked = validateSnapshot(row.snapshot);
    assert.ok(checked.ok);
    const route = checked.snapshot.routes[0]!;
    assert.deepEqual({ crisisResponse: route.crisisResponse, blockedCategories: route.blockedCategories, forbidPii: route.forbidPii, maskResponsePii: route.maskResponsePii }, policy);
  });

  it("refuses an unknown or a crisis category with the route's field path", async () => {
    await t.db.$transaction((tx) => restoreWorkingTables(tx, snap({ blockedCategories: ["violent_threat", "not_a_category", "suicidal_ideation"] })));
    await assert.rejects(publish(t.db, { ...ctx(), message: "bad" }), (error: unknown) => {
      assert.ok(error instanceof ConfigValidationError);
      assert.deepEqual(error.fields.map((e) => e.path), ["routes.0.blockedCategories.1", "routes.0.blockedCategories.2"]);
      assert.match(error.fields[1]!.message, /crisis category/);
      return true;
    });
  });
});
