import { test } from "node:test";
import assert from "node:assert/strict";
import { normalizePath } from "./normalize-path.ts";

const path = (url: string) => {
  const result = normalizePath(url);
  return result.ok ? result.path : `refused: ${result.reason}`;
};

test("a plain path and its query are passed through untouched", () => {
  assert.deepEqual(normalizePath("/api/players/42?x=1&y=%2F"), { ok: true, path: "/api/players/42", query: "?x=1&y=%2F" });
  assert.deepEqual(normalizePath("/"), { ok: true, path: "/", query: "" });
  assert.equal(path("/api/players/"), "/api/players/");
});

test("unreserved percent-encodings are decoded, others kept with upper-case hex", () => {
  assert.equal(path("/api/%70layers/%34%32"), "/api/players/42");
  assert.equal(path("/api/%7euser/a%2db"), "/api/~user/a-b");
  assert.equal(path("/api/caf%c3%a9/a%20b"), "/api/caf%C3%A9/a%20b");
  assert.equal(path("/api/100%2520off"), "/api/100%2520off", "an encoded percent before anything but / \\ . % stays");
});

test("dot segments are resolved and repeated slashes merged, never above the root", () => {
  assert.equal(path("/api/x/../players/./42"), "/api/players/42");
  assert.equal(path("/api/%2e%2e/admin"), "/admin");
  assert.equal(path("/../../etc/passwd"), "/etc/passwd");
  assert.equal(path("/api//players///42"), "/api/players/42");
  assert.equal(path("/api/players/.."), "/api/");
  assert.equal(path("/.."), "/");
  assert.equal(path("/v1.2/file.json"), "/v1.2/file.json");
});

test("encoded slashes, backslashes, fragments, broken encodings and non-paths are refused", () => {
  for (const url of ["/api/%252F/etc", "/api/%252e%252e/admin", "/api/a%255Cb", "/api/%2525252F", "/api/a%2Fb", "/api/a%2fb", "/api/a%5Cb", "/api/a\\b", "/api/%zz", "/api/%4", "/a#b", "*", "http://evil/api"]) {
    assert.match(path(url), /^refused: /, url);
  }
});
