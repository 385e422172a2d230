import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_COMPRESSIBLE_TYPES, toFieldErrors, ZCompressionPolicy, ZRoute, ZSnapshot } from "./index.ts";

const base = { name: "players-api", path: "/api/players/*", service: "players" };
const errors = (compression: object) => {
  const r = ZRoute.safeParse({ ...base, compression });
  return r.success ? [] : toFieldErrors(r.error).map((e) => `${e.path}: ${e.message}`);
};

test("a route has no compression unless it asks: a route or revision from before the field parses as it was", () => {
  assert.equal(ZRoute.parse(base).compression, null);
  const snap = ZSnapshot.parse({ schemaVersion: 1, services: [{ name: "players", instances: [{ url: "http://127.0.0.1:4102" }] }], routes: [{ id: "rt_1", ...base }] });
  assert.equal(snap.routes[0]!.compression, null);
});

test("an empty policy compresses text and JSON from 1 KiB with br and gzip, never credentialed answers", () => {
  assert.deepEqual(ZCompressionPolicy.parse({}), { enabled: true, algorithms: ["br", "gzip"], minBytes: 1024, contentTypes: [...DEFAULT_COMPRESSIBLE_TYPES], compressCredentialed: false });
  assert.ok(!DEFAULT_COMPRESSIBLE_TYPES.includes("text/event-stream"), "server-sent events are not compressed by default");
});

test("content types are media ranges, lower-cased; wildcards, parameters and */* are refused with their path", () => {
  assert.deepEqual(ZCompressionPolicy.parse({ contentTypes: [" Text/HTML ", "text/*", "application/*+json", "application/vnd.api+json"] }).contentTypes, ["text/html", "text/*", "application/*+json", "application/vnd.api+json"]);
  assert.deepEqual(errors({ contentTypes: ["*/*"] }), ["compression.contentTypes.0: name the types (images, video and archives gain nothing from compression)"]);
  for (const bad of ["json", "text/html; charset=utf-8", "application/json+*", "text/", "/json", "text/ht ml"]) {
    assert.deepEqual(errors({ contentTypes: [bad] }), ["compression.contentTypes.0: a media type such as application/json, text/* or application/*+json (no parameters)"], bad);
  }
  assert.deepEqual(errors({ contentTypes: [] }), ["compression.contentTypes: name at least one content type"]);
  assert.deepEqual(errors({ contentTypes: ["text/html", "TEXT/HTML"] }), ["compression.contentTypes: names a content type twice"]);
});

test("algorithms, minimum size and the credentialed switch are checked", () => {
  assert.deepEqual(errors({ algorithms: [] }), ["compression.algorithms: choose at least one algorithm"]);
  assert.deepEqual(errors({ algorithms: ["gzip", "gzip"] }), ["compression.algorithms: names an algorithm twice"]);
  assert.equal(errors({ algorithms: ["deflate"] }).length, 1);
  assert.equal(errors({ algorithms: ["zstd"] })[0]?.startsWith("compression.algorithms.0:"), true);
  assert.deepEqual(errors({ minBytes: -1 }), ["compression.minBytes: 0 or more"]);
  assert.deepEqual(errors({ minBytes: 1.5 }), ["compression.minBytes: whole bytes"]);
  assert.deepEqual(errors({ minBytes: 10_485_761 }), ["compression.minBytes: at most 10 485 760 bytes (10 MiB)"]);
  assert.deepEqual(errors({ minBytes: 0, algorithms: ["gzip"], compressCredentialed: true }), []);
});
