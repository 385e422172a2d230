import { test } from "node:test";
import assert from "node:assert/strict";
import { ZSnapshot, type TRouteInput } from "@tta/domain";
import { compileConfig } from "./compile.ts";
import { requestHost } from "./host-rule.ts";
import { findRoute } from "./route-table.ts";

function config(routes: Array<Partial<TRouteInput> & { name: string; path: string }>) {
  const snapshot = ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "svc", instances: [{ url: "http://127.0.0.1:1" }] }],
    routes: routes.map((r, i) => ({ id: `rt_${i}`, service: "svc", ...r })),
  });
  return compileConfig(snapshot, { revision: 1, checksum: "x" });
}

function routeFor(cfg: ReturnType<typeof config>, path: string, opts: { method?: string; host?: string } = {}) {
  const found = findRoute(cfg, opts.method ?? "GET", requestHost(opts.host ?? "gw.local:8080"), path);
  return found.kind === "found" ? found.route.name : found.kind;
}

test("higher priority wins over a more specific path", () => {
  const cfg = config([
    { name: "specific", path: "/api/players/:id" },
    { name: "catch-all", path: "/api/*", priority: 10 },
  ]);
  assert.equal(routeFor(cfg, "/api/players/42"), "catch-all");
});

test("at equal priority a host-specific route beats a host-less one, exact before wildcard", () => {
  const cfg = config([
    { name: "any-host", path: "/api/players/42" },
    { name: "wild", path: "/api/*", host: "*.tta.dev" },
    { name: "exact", path: "/api/*", host: "api.tta.dev" },
  ]);
  assert.equal(routeFor(cfg, "/api/players/42", { host: "api.tta.dev" }), "exact");
  assert.equal(routeFor(cfg, "/api/players/42", { host: "chat.tta.dev:8080" }), "wild");
  assert.equal(routeFor(cfg, "/api/players/42", { host: "127.0.0.1:8080" }), "any-host");
  assert.equal(routeFor(cfg, "/api/other", { host: "127.0.0.1:8080" }), "not-found");
});

test("at equal priority and host the more specific path wins (segment by segment, left to right), then the name", () => {
  const cfg = config([
    { name: "b-wild", path: "/api/*" },
    { name: "param", path: "/api/:svc/42" },
    { name: "literal", path: "/api/players/42" },
    { name: "a-wild", path: "/api/*" },
    { name: "prefix", path: "/api/players/*" },
  ]);
  assert.equal(routeFor(cfg, "/api/players/42"), "literal");
  assert.equal(routeFor(cfg, "/api/agents/42"), "param");
  assert.equal(routeFor(cfg, "/api/players/7"), "prefix");
  assert.equal(routeFor(cfg, "/api/x"), "a-wild");
  assert.deepEqual(cfg.routes.map((r) => r.name), ["literal", "prefix", "param", "a-wild", "b-wild"]);
});

test("a method mismatch falls through to the next route, and only then answers 405 with Allow", () => {
  const cfg = config([
    { name: "write", path: "/api/players/*", methods: ["POST", "PUT"], priority: 5 },
    { name: "read", path: "/api/players/*", methods: ["GET"] },
  ]);
  assert.equal(routeFor(cfg, "/api/players/1", { method: "GET" }), "read");
  assert.equal(routeFor(cfg, "/api/players/1", { method: "PUT" }), "write");
  assert.deepEqual(findRoute(cfg, "DELETE", requestHost("x"), "/api/players/1"), {
    kind: "method-not-allowed",
    allow: ["GET", "POST", "PUT"],
  });
  assert.equal(routeFor(cfg, "/elsewhere", { method: "DELETE" }), "not-found");
});

test("an empty method list accepts every method; disabled routes are left out", () => {
  const cfg = config([
    { name: "off", path: "/api/*", priority: 100, enabled: false },
    { name: "all", path: "/api/*" },
  ]);
  assert.equal(routeFor(cfg, "/api/x", { method: "PATCH" }), "all");
  assert.deepEqual(cfg.routes.map((r) => r.name), ["all"]);
});

test("the compiled config is frozen and keeps the rewrite compiled per route", () => {
  const cfg = config([{ name: "players", path: "/api/players/:id/*", rewrite: "/v2/player/:id/*" }]);
  assert.ok(Object.isFrozen(cfg) && Object.isFrozen(cfg.routes) && Object.isFrozen(cfg.routes[0]));
  const found = findRoute(cfg, "GET", requestHost("x"), "/api/players/42/inventory/3");
  assert.equal(found.kind, "found");
  if (found.kind === "found") assert.equal(found.route.rewrite?.(found.match), "/v2/player/42/inventory/3");
});

test("a WebSocket route's own session limits compile with the idle timeout in ms; without them, null (the WS_* settings)", () => {
  const cfg = config([
    { name: "chat-ws", path: "/ws/chat", websocket: true, websocketPolicy: { idleTimeoutSeconds: 45, messageBurst: 5 } },
    { name: "game-ws", path: "/ws/game", websocket: true },
    { name: "plain", path: "/api/*" },
  ]);
  const of = (name: string) => cfg.routes.find((r) => r.name === name)!;
  assert.deepEqual(of("chat-ws").websocketPolicy, { idleTimeoutMs: 45_000, maxMessageBytes: 65_536, messagesPerSecond: 10, messageBurst: 5 });
  assert.ok(Object.isFrozen(of("chat-ws").websocketPolicy));
  assert.equal(of("game-ws").websocketPolicy, null);
  assert.equal(of("plain").websocketPolicy, null);
});
