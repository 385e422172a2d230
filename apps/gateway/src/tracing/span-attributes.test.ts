import { test } from "node:test";
import assert from "node:assert/strict";
import type { CompiledRoute } from "../config/compiled.ts";
import { attemptAttributes, attemptEndAttributes, requestAttributes, requestEndAttributes, serverSpanName } from "./span-attributes.ts";

const route = { name: "players-api", pattern: { source: "/players/:id/*" }, service: { name: "players" } } as unknown as CompiledRoute;

test("span names use the route's template and known methods only", () => {
  assert.equal(serverSpanName("GET", route), "GET /players/:id/*");
  assert.equal(serverSpanName("GET", null), "GET");
  assert.equal(serverSpanName("FROBNICATE", route), "_OTHER /players/:id/*");
});

test("the path goes without its query string and PII-masked", () => {
  const attributes = requestAttributes("GET", "/players/jo@example.org/notes?token=secret&q=1");
  assert.equal(attributes["url.path"], "/players/[EMAIL]/notes");
  assert.equal(attributes["http.request.method"], "GET");
  assert.equal(requestAttributes("BREW", "/")["http.request.method_original"], "BREW");
});

test("a request ends with its status, route and correlation id; 5xx and cut answers are errors, a client that left is not", () => {
  const ok = requestEndAttributes({ route, status: 200, complete: true, requestId: "req_1" }, 2);
  assert.deepEqual(ok, {
    attributes: { "tta.request_id": "req_1", "http.response.status_code": 200, "http.route": "/players/:id/*", "tta.route": "players-api", "tta.service": "players", "tta.upstream.attempts": 2 },
    error: false,
  });
  assert.deepEqual(requestEndAttributes({ route: null, status: 503, complete: true, requestId: "r" }, 0), { attributes: { "tta.request_id": "r", "http.response.status_code": 503, "error.type": "503" }, error: true });
  assert.equal(requestEndAttributes({ route, status: 200, complete: false, requestId: "r" }, 1).error, true);
  assert.deepEqual(requestEndAttributes({ route: null, status: 0, complete: false, requestId: "r" }, 0), { attributes: { "tta.request_id": "r", "error.type": "client_gone" }, error: false });
});

test("an attempt says where it went and how it ended", () => {
  assert.deepEqual(attemptAttributes(1, "GET"), { "http.request.method": "GET", "tta.attempt": 1 });
  assert.deepEqual(attemptAttributes(3, "GET"), { "http.request.method": "GET", "tta.attempt": 3, "http.request.resend_count": 2 });
  const instance = new URL("http://10.0.0.7:4102");
  assert.deepEqual(attemptEndAttributes({ instance, status: 200, bypass: false }), { attributes: { "server.address": "10.0.0.7", "server.port": 4102, "http.response.status_code": 200 }, error: false });
  assert.deepEqual(attemptEndAttributes({ instance: new URL("https://[::1]"), error: "GW_UPSTREAM_TIMEOUT" }), { attributes: { "server.address": "::1", "server.port": 443, "error.type": "GW_UPSTREAM_TIMEOUT" }, error: true });
  assert.deepEqual(attemptEndAttributes({ error: "GW_BREAKER_OPEN" }), { attributes: { "error.type": "GW_BREAKER_OPEN" }, error: true });
  assert.equal(attemptEndAttributes({ instance, status: 502 }).error, true);
  assert.equal(attemptEndAttributes({ instance, error: "client_gone" }).error, false);
});
