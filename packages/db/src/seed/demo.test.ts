// The demo snapshot's WebSocket routes: authenticated like the chat API, the chat one enforcing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEMO_SERVICES, demoSnapshot, type DemoService } from "./demo.ts";

const upstreams = Object.fromEntries(DEMO_SERVICES.map((name, i) => [name, `http://127.0.0.1:${4101 + i}`])) as Record<DemoService, string>;
const routes = demoSnapshot(upstreams).routes;
const route = (name: string) => routes.find((r) => r.name === name)!;

test("chat-ws and narrative-ws are WebSocket routes authenticated like /api/chat/*", () => {
  const api = route("chat-api");
  for (const [name, path, service] of [["chat-ws", "/ws/chat", "chat"], ["narrative-ws", "/ws/narrative", "narrative"]] as const) {
    const r = route(name);
    assert.deepEqual(
      { path: r.path, rewrite: r.rewrite, service: r.service, websocket: r.websocket, rateLimitPolicy: r.rateLimitPolicy },
      { path, rewrite: null, service, websocket: true, rateLimitPolicy: "default" },
      name,
    );
    assert.deepEqual([r.auth, r.authPolicy, r.requiredRoles], [api.auth, api.authPolicy, api.requiredRoles], name);
    assert.equal(r.auth, "authenticated");
  }
});

test("chat-ws enforces the safety scan with the chat API's crisis response; narrative-ws monitors", () => {
  assert.deepEqual([route("chat-ws").safetyScan, route("chat-ws").crisisResponse], ["enforce", route("chat-api").crisisResponse]);
  assert.equal(route("narrative-ws").safetyScan, "monitor");
});

test("the seeded route names: a route per service, auth-refresh and the two WebSocket routes", () => {
  assert.deepEqual(routes.map((r) => r.name).sort(), ["agents-api", "auth-api", "auth-refresh", "chat-api", "chat-ws", "narrative-api", "narrative-ws", "players-api", "sessions-api"]);
});

test("narrative-api caches what the narrative service lets shared caches keep; no other demo route caches", () => {
  const routes = demoSnapshot(upstreams).routes;
  assert.deepEqual(routes.filter((r) => r.cachePolicy?.enabled).map((r) => r.name), ["narrative-api"]);
});
