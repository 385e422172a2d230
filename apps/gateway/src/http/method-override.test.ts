import { test } from "node:test";
import assert from "node:assert/strict";
import { stripMethodOverrides } from "./method-override.ts";

test("an override naming a method the route does not accept is removed; one it accepts passes", () => {
  const headers = { "x-http-method-override": "DELETE", "x-http-method": "get", "x-method-override": "PUT" };
  stripMethodOverrides(headers, new Set(["GET", "POST"]));
  assert.deepEqual(headers, { "x-http-method": "get" });
});

test("on a route that takes any method, TRACE, CONNECT and garbage are still removed", () => {
  const headers = { "x-http-method-override": "TRACE", "x-http-method": "PATCH", "x-method-override": "GET\r\nX: 1" };
  stripMethodOverrides(headers, null);
  assert.deepEqual(headers, { "x-http-method": "PATCH" });
});
