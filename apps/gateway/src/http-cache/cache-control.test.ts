import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDirectives, requestDirectives, responseDirectives, seconds } from "./cache-control.ts";

test("directives: names lower-cased, values unquoted, the first occurrence wins, several lines join", () => {
  const d = parseDirectives(['Max-Age=60, private="set-cookie, x-a"', "max-age=5, no-cache"]);
  assert.equal(d.get("max-age"), "60");
  assert.equal(d.get("private"), "set-cookie, x-a");
  assert.equal(d.get("no-cache"), true);
});

test("delta-seconds: absent is null, garbage is NaN (stale), huge is 2^31", () => {
  const d = parseDirectives("max-age=abc, s-maxage=99999999999, stale-if-error=30");
  assert.ok(Number.isNaN(seconds(d, "max-age")));
  assert.equal(seconds(d, "s-maxage"), 2 ** 31);
  assert.equal(seconds(d, "stale-if-error"), 30);
  assert.equal(seconds(d, "min-fresh"), null);
});

test("Pragma: no-cache counts only without Cache-Control; CDN-Cache-Control wins over Cache-Control", () => {
  assert.equal(requestDirectives({ pragma: "no-cache" }).has("no-cache"), true);
  assert.equal(requestDirectives({ pragma: "no-cache", "cache-control": "max-age=5" }).has("no-cache"), false);
  const r = responseDirectives({ "cache-control": "no-store", "cdn-cache-control": "max-age=30" });
  assert.deepEqual([r.has("no-store"), r.get("max-age")], [false, "30"]);
});
