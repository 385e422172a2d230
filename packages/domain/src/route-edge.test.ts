import assert from "node:assert/strict";
import { test } from "node:test";
import { toFieldErrors, ZRoute } from "./index.ts";

const base = { name: "players-api", path: "/api/players/*", service: "players" };
const paths = (input: object) => {
  const r = ZRoute.safeParse({ ...base, ...input });
  return r.success ? [] : toFieldErrors(r.error).map((e) => e.path);
};

test("a route has no edge settings by default", () => {
  const r = ZRoute.parse(base);
  assert.deepEqual([r.headers, r.cors, r.maxBodyBytes, r.bodyValidation], [null, null, null, "none"]);
});

test("header overrides: set or null; gateway-managed names, line breaks and bad names are refused", () => {
  assert.deepEqual(paths({ headers: { "Content-Security-Policy": "default-src 'self'", "x-frame-options": null } }), []);
  for (const name of ["content-length", "Set-Cookie", "x-tta-user-id", "x-request-id", "ratelimit-policy", "access-control-allow-origin", "bad name"])
    assert.equal(paths({ headers: { [name]: "v" } }).length, 1, name);
  assert.equal(paths({ headers: { "x-a": "one\r\nx-injected: yes" } }).length, 1);
  assert.equal(paths({ headers: { "X-A": "1", "x-a": "2" } }).length, 1);
});

test("CORS: origins are bare origins or *, and credentials never go with *", () => {
  assert.deepEqual(paths({ cors: { origins: ["https://app.tta.dev", "http://127.0.0.1:3000"] } }), []);
  assert.equal(ZRoute.parse({ ...base, cors: { origins: ["*"] } }).cors?.maxAge, 600);
  for (const origin of ["https://app.tta.dev/", "https://app.tta.dev/path", "app.tta.dev", "ftp://x.y"]) assert.equal(paths({ cors: { origins: [origin] } }).length, 1, origin);
  assert.deepEqual(paths({ cors: { origins: ["*"], credentials: true } }), ["cors.credentials"]);
});

test("body limits: a size in bytes (or null for the gateway default) and json validation", () => {
  assert.deepEqual(paths({ maxBodyBytes: 1024, bodyValidation: "json" }), []);
  assert.equal(paths({ maxBodyBytes: -1 }).length, 1);
  assert.equal(paths({ bodyValidation: "xml" }).length, 1);
});
