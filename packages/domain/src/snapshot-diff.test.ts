import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ZSnapshot, type TSnapshot } from "./schemas.ts";
import { diffSnapshots } from "./snapshot-diff.ts";

const base = (): TSnapshot =>
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "players", instances: [{ url: "http://127.0.0.1:4102" }] }],
    routes: [{ id: "rt_1", name: "players-api", path: "/api/players/*", rewrite: "/players/*", service: "players" }],
  });

describe("diffSnapshots", () => {
  it("reports nothing for equal snapshots, even when route ids differ", () => {
    const b = base();
    b.routes[0]!.id = "rt_2";
    assert.deepEqual(diffSnapshots(base(), b), []);
  });

  it("lists a changed field with its value before and after", () => {
    const b = base();
    b.routes[0]!.path = "/v2/players/*";
    b.routes[0]!.methods = ["GET"];
    assert.deepEqual(diffSnapshots(base(), b), [
      {
        kind: "route",
        name: "players-api",
        change: "changed",
        fields: [
          { field: "methods", before: [], after: ["GET"] },
          { field: "path", before: "/api/players/*", after: "/v2/players/*" },
        ],
      },
    ]);
  });

  it("compares nested values such as instances as a whole", () => {
    const b = base();
    b.services[0]!.instances.push({ url: "http://127.0.0.1:4199", weight: 1 });
    const [entry] = diffSnapshots(base(), b);
    assert.equal(entry?.kind, "service");
    assert.deepEqual(entry?.fields.map((f) => f.field), ["instances"]);
  });

  it("reports added and removed entities with their fields", () => {
    const b = base();
    b.routes = [{ ...b.routes[0]!, name: "hello", path: "/hello/*", rewrite: "/*" }];
    const diff = diffSnapshots(base(), b);
    assert.deepEqual(diff.map((d) => `${d.change} ${d.kind} ${d.name}`), ["added route hello", "removed route players-api"]);
    assert.ok(diff[0]!.fields.some((f) => f.field === "path" && f.after === "/hello/*" && f.before === null));
    assert.ok(!diff[0]!.fields.some((f) => f.field === "id" || f.field === "name"));
  });

  it("treats a first revision as all added", () => {
    assert.deepEqual(diffSnapshots(null, base()).map((d) => d.change), ["added", "added"]);
  });
  it("shows a custom safety rule set as added, and a changed category as one field", () => {
    const rules = { schemaVersion: 1, version: "1", cues: { negation: ["not"] }, categories: [{ id: "self_harm", phrases: [] }, { id: "hate", phrases: [] }] };
    const custom = { ...base(), safetyRules: rules };
    const added = diffSnapshots(base(), custom);
    assert.deepEqual(added.map((d) => [d.kind, d.name, d.change]), [["safetyRules", "rules", "added"]]);
    assert.deepEqual(added[0]!.fields.map((f) => f.field), ["schemaVersion", "version", "cues", "categories.self_harm", "categories.hate"]);
    const edited = { ...base(), safetyRules: { ...rules, categories: [rules.categories[0], { id: "hate", phrases: [{ phrase: "x" }] }] } };
    assert.deepEqual(diffSnapshots(custom, edited)[0]!.fields, [{ field: "categories.hate", before: rules.categories[1], after: { id: "hate", phrases: [{ phrase: "x" }] } }]);
    assert.equal(diffSnapshots(custom, base())[0]!.change, "removed"); // back to the built-in defaults
  });

  it("shows a route's WebSocket policy as one field, and nothing for a snapshot from before it existed", () => {
    const ws = (): TSnapshot => ({ ...base(), routes: [{ ...base().routes[0]!, websocket: true }] });
    const old = ws();
    delete (old.routes[0] as { websocketPolicy?: unknown }).websocketPolicy;
    assert.deepEqual(diffSnapshots(old, ws()), []);
    const b = ws();
    b.routes[0]!.websocketPolicy = { idleTimeoutSeconds: 60, maxMessageBytes: 65_536, messagesPerSecond: 10, messageBurst: 30 };
    assert.deepEqual(diffSnapshots(ws(), b)[0]!.fields, [{ field: "websocketPolicy", before: null, after: b.routes[0]!.websocketPolicy }]);
  });
});
