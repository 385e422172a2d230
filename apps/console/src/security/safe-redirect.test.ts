import assert from "node:assert/strict";
import { test } from "node:test";
import { safeRedirectPath } from "./safe-redirect.ts";

const ORIGIN = "http://127.0.0.1:3000";

const HOSTILE_CALLBACKS = [
  "/\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\\t/evil.example",
  "\\\\evil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%2F/evil.example",
  "%2F%2Fevil.example",
  "//evil.example",
  "///evil.example",
  "/.//evil.example",
  " //evil.example",
  "https://evil.example/routes",
  "http://127.0.0.1:3001/routes",
  "https://127.0.0.1:3000/routes",
  "javascript:alert(document.domain)",
  "data:text/html,<script>alert(1)</script>",
  "%",
];

test("hostile callbacks fall back to /", () => {
  for (const value of HOSTILE_CALLBACKS) assert.equal(safeRedirectPath(value, ORIGIN), "/", JSON.stringify(value));
});

test("paths and absolute URLs of the console's own origin are kept, as paths", () => {
  assert.equal(safeRedirectPath("/routes", ORIGIN), "/routes");
  assert.equal(safeRedirectPath("/audit?actor=a%40b&from=1#top", ORIGIN), "/audit?actor=a%40b&from=1#top");
  assert.equal(safeRedirectPath(`${ORIGIN}/routes/rt_1`, ORIGIN), "/routes/rt_1");
  assert.equal(safeRedirectPath("routes", ORIGIN), "/routes");
});

test("nothing given is /", () => {
  assert.equal(safeRedirectPath(null, ORIGIN), "/");
  assert.equal(safeRedirectPath("", ORIGIN), "/");
  assert.equal(safeRedirectPath(undefined, ORIGIN), "/");
});
