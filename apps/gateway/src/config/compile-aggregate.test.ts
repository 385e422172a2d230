import assert from "node:assert/strict";
import { test } from "node:test";
import { matchPath, ZSnapshot } from "@tta/domain";
import { compileConfig } from "./compile.ts";

const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: ["players", "sessions", "safety"].map((name, i) => ({ name, instances: [{ url: `http://127.0.0.1:${4300 + i}` }] })),
    routes: [
      { id: "rt_p", name: "players-api", path: "/api/players/*", service: "players" },
      {
        id: "rt_a", name: "overview", path: "/api/overview/:id/*", service: "players", kind: "aggregate",
        aggregate: {
          parts: [
            { key: "player", service: "players", path: "/players/:id" },
            { key: "history", service: "sessions", path: "/sessions/:id/*?limit=5&order=desc", method: "POST", timeoutMs: 700, required: false },
            { key: "crisisResources", service: "safety", path: "/resources", fallback: { lines: ["988"] } },
          ],
        },
      },
    ],
  }),
  { revision: 1, checksum: "c" },
);

test("a proxy route has no parts; an aggregate route's parts name their compiled services", () => {
  const proxy = config.routes.find((r) => r.name === "players-api")!;
  assert.equal(proxy.aggregate, null);
  const { aggregate } = config.routes.find((r) => r.name === "overview")!;
  assert.ok(aggregate);
  assert.deepEqual(aggregate.parts.map((p) => [p.key, p.service.name, p.method, p.timeoutMs, p.required]), [
    ["player", "players", "GET", 5_000, true],
    ["history", "sessions", "POST", 700, false],
    ["crisisResources", "safety", "GET", 5_000, true],
  ]);
  assert.equal(aggregate.parts[0]!.service, config.services.get("players"), "the revision's own service settings");
  assert.equal(aggregate.sendsBody, true, "a POST part gets the client's body");
  assert.deepEqual(aggregate.parts[2]!.fallback, { lines: ["988"] });
  assert.ok(Object.isFrozen(aggregate.parts[2]!.fallback));
});

test("each part's path is built from the request's captures, its query kept as written", () => {
  const route = config.routes.find((r) => r.name === "overview")!;
  const captures = matchPath(route.pattern, "/api/overview/p%2042/week/3")!;
  assert.deepEqual(route.aggregate!.parts.map((p) => p.path(captures)), ["/players/p%2042", "/sessions/p%2042/week/3?limit=5&order=desc", "/resources"]);
});
