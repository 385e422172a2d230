// The RFC 9111 decisions on stored answers: freshness and age, storage, reuse, validation, Vary.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CompiledCachePolicy } from "../config/compiled.ts";
import { parseDirectives } from "./cache-control.ts";
import { currentAge, freshnessLifetime } from "./freshness.ts";
import { reuseOf, staleIfError } from "./reuse.ts";
import { notStoredBecause } from "./storage.ts";
import { notModified, refreshedHeaders } from "./validators.ts";
import { variantKey, varyOf } from "./variants.ts";

const policy: CompiledCachePolicy = { defaultTtlSeconds: 0, maxTtlSeconds: 86_400, statuses: new Set([200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501]), keyQuery: null, keyHeaders: [], perUser: false, maxObjectBytes: 1 << 20, coalesceWaitMs: 5_000, staleIfErrorSeconds: 0 };
const T = Date.parse("2026-12-04T10:00:00Z");
const date = (offsetS: number) => new Date(T + offsetS * 1000).toUTCString();

test("freshness: s-maxage over max-age over Expires; the heuristic is 10 % of the Last-Modified age; the policy caps it", () => {
  assert.equal(freshnessLifetime(200, parseDirectives("max-age=60, s-maxage=10"), {}, policy), 10);
  assert.equal(freshnessLifetime(200, parseDirectives(""), { date: date(0), expires: date(120) }, policy), 120);
  assert.equal(freshnessLifetime(200, parseDirectives(""), { date: date(0), expires: "0" }, policy), 0, "an invalid Expires is already expired");
  assert.equal(freshnessLifetime(200, parseDirectives(""), { date: date(0), "last-modified": date(-1000) }, policy), 100);
  assert.equal(freshnessLifetime(302, parseDirectives(""), { date: date(0), "last-modified": date(-1000) }, policy), 0, "302 is not heuristically cacheable");
  assert.equal(freshnessLifetime(200, parseDirectives("max-age=999999"), {}, { ...policy, maxTtlSeconds: 300 }), 300);
  assert.equal(freshnessLifetime(200, parseDirectives(""), {}, { ...policy, defaultTtlSeconds: 30 }), 30);
});

test("age: the upstream's Age and the time in transit count (RFC 9111 §4.2.3)", () => {
  assert.equal(currentAge({ age: "100", date: date(0) }, T - 2000, T, T + 5000), 107);
  assert.equal(currentAge({ date: date(-50) }, T, T, T), 50, "a Date in the past makes it older");
});

test("storage: no-store, private, Authorization without public, Set-Cookie, Vary: * and statuses outside the policy are not stored", () => {
  const verdict = (status: number, cc: string, extra: Record<string, string> = {}, authorized = false, requestCc = "") =>
    notStoredBecause({ method: "GET", status, request: parseDirectives(requestCc), response: parseDirectives(cc), headers: { "cache-control": cc, ...extra }, authorized, policy });
  assert.equal(verdict(200, "max-age=60"), null);
  assert.equal(verdict(200, "max-age=60, no-store"), "no-store");
  assert.equal(verdict(200, "max-age=60", {}, false, "no-store"), "no-store");
  assert.equal(verdict(200, "max-age=60, private"), "private");
  assert.equal(verdict(200, "max-age=60", {}, true), "authorization");
  assert.equal(verdict(200, "max-age=60, public", {}, true), null);
  assert.equal(verdict(200, "s-maxage=60", {}, true), null);
  assert.equal(verdict(200, "max-age=60", { "set-cookie": "a=1" }), "set-cookie");
  assert.equal(verdict(200, "max-age=60", { vary: "*" }), "vary");
  assert.equal(verdict(302, "max-age=60"), "status");
  assert.equal(verdict(206, "max-age=60"), "partial");
  assert.equal(verdict(200, ""), "no-freshness", "no freshness, no validator: nothing to gain");
  assert.equal(verdict(200, "", { etag: '"v1"' }), null, "a validator makes it worth keeping for revalidation");
});

test("reuse: fresh, stale under max-stale, stale-while-revalidate, and validation when no-cache or must-revalidate say so", () => {
  const stored = (cc: string) => ({ status: 200, headers: { "cache-control": cc, date: date(0) }, requestTime: T, responseTime: T });
  const at = (s: number) => T + s * 1000;
  const kind = (cc: string, now: number, request = "") => reuseOf(stored(cc), parseDirectives(cc), parseDirectives(request), policy, now).kind;
  assert.equal(kind("max-age=60", at(10)), "fresh");
  assert.equal(kind("max-age=60", at(70)), "validate");
  assert.equal(kind("max-age=60", at(70), "max-stale=20"), "stale");
  assert.equal(kind("max-age=60, must-revalidate", at(70), "max-stale"), "validate");
  assert.equal(kind("s-maxage=60", at(70), "max-stale"), "validate", "s-maxage implies proxy-revalidate");
  assert.equal(kind("max-age=60, stale-while-revalidate=30", at(80)), "stale-while-revalidate");
  assert.equal(kind("max-age=60, stale-while-revalidate=30", at(100)), "validate");
  assert.equal(kind("max-age=60, no-cache", at(1)), "validate");
  assert.equal(kind("max-age=60", at(10), "no-cache"), "validate");
  assert.equal(kind("max-age=60", at(10), "max-age=5"), "validate");
  assert.equal(kind("max-age=60, immutable", at(10), "max-age=0"), "fresh");
  assert.equal(kind("max-age=60", at(50), "min-fresh=20"), "validate");
  assert.equal(staleIfError(stored("max-age=60, stale-if-error=100"), parseDirectives("max-age=60, stale-if-error=100"), parseDirectives(""), policy, at(150)), true);
  assert.equal(staleIfError(stored("max-age=60, stale-if-error=100"), parseDirectives("max-age=60, stale-if-error=100"), parseDirectives(""), policy, at(170)), false);
  assert.equal(staleIfError(stored("max-age=60, must-revalidate, stale-if-error=100"), parseDirectives("max-age=60, must-revalidate, stale-if-error=100"), parseDirectives(""), policy, at(70)), false);
});

test("validation: a client's If-None-Match (weak comparison) or If-Modified-Since against the stored answer; a 304 refreshes headers but not the length", () => {
  assert.equal(notModified({ "if-none-match": 'W/"a", "b"' }, { etag: '"a"' }), true);
  assert.equal(notModified({ "if-none-match": '"c"' }, { etag: '"a"' }), false);
  assert.equal(notModified({ "if-modified-since": date(0) }, { "last-modified": date(-10) }), true);
  assert.equal(notModified({ "if-modified-since": date(-20) }, { "last-modified": date(-10) }), false);
  assert.deepEqual(refreshedHeaders({ "content-length": "5", "cache-control": "max-age=1", etag: '"a"' }, { "cache-control": "max-age=60", "content-length": "0" }), { "content-length": "5", "cache-control": "max-age=60", etag: '"a"' });
});

test("Vary: names sorted and lower-cased, * noted; the secondary key normalises whitespace and the case of Accept-*", () => {
  assert.deepEqual(varyOf({ vary: "Accept-Encoding, accept-language" }), { names: ["accept-encoding", "accept-language"], any: false });
  assert.equal(varyOf({ vary: ["x", "*"] }).any, true);
  assert.equal(variantKey(["accept-encoding"], { "accept-encoding": "GZIP,  br" }), variantKey(["accept-encoding"], { "accept-encoding": "gzip, br" }));
  assert.notEqual(variantKey(["accept-language"], {}), variantKey(["accept-language"], { "accept-language": "" }));
  assert.equal(variantKey([], { "accept-encoding": "gzip" }), "");
});
