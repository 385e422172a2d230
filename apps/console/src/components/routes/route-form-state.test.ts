import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ZRoute } from "@tta/domain/browser";
import { CACHE_DEFAULTS, cacheSummary } from "./cache-form-state.ts";
import { COMPRESSION_DEFAULTS, compressionSummary } from "./compression-form-state.ts";
import { EMPTY_ROUTE, fieldOf, groupErrors, toFormState, toRouteInput, validateLocally } from "./route-form-state.ts";

describe("route form state", () => {
  it("round-trips a route through the form without losing fields it does not show", () => {
    const route = ZRoute.parse({
      name: "players-api",
      methods: ["GET"],
      host: "api.tta.dev",
      path: "/api/players/:id/*",
      rewrite: "/players/:id/*",
      service: "players",
      retryPolicy: { attempts: 3, retryNonIdempotent: true },
      requiredRoles: ["player", "therapist"],
      rateLimitPolicy: "default",
      auth: "restricted",
      authPolicy: "tta-tokens",
      cachePolicy: { ttlSeconds: 30 },
      priority: -5,
      cors: { origins: ["https://play.tta.dev"], credentials: true },
      headers: { "content-security-policy": "default-src 'none'" },
      maxBodyBytes: 65_536,
      bodyValidation: "json",
      safetyScan: "enforce",
      crisisResponse: "forward",
      blockedCategories: ["harassment_hate", "violent_threat"],
      forbidPii: true,
      maskResponsePii: true,
      websocket: true,
      websocketPolicy: { idleTimeoutSeconds: 120, maxMessageBytes: 4096, messagesPerSecond: 5, messageBurst: 12 },
    });
    assert.equal(route.cors?.origins[0], "https://play.tta.dev"); // the fixture really sets what it checks
    assert.deepEqual(ZRoute.parse(toRouteInput(toFormState(route))), route);
  });

  it("sends empty optional fields as null or as 'use the default'", () => {
    const input = toRouteInput({ ...EMPTY_ROUTE, name: "x1", path: "/x", service: "s1", timeoutMs: " ", host: " ", rewrite: "" });
    assert.equal(input.host, null);
    assert.equal(input.rewrite, null);
    assert.equal(input.timeoutMs, undefined);
    assert.equal(ZRoute.parse(input).timeoutMs, 30_000);
  });

  it("sends a WebSocket policy only for a WebSocket route, null when every field is empty", () => {
    const ws = { ...EMPTY_ROUTE, name: "chat-ws", path: "/ws/chat", service: "chat", websocket: true };
    assert.equal(toRouteInput(ws).websocketPolicy, null); // the gateway's WS_* settings
    const partial = toRouteInput({ ...ws, wsIdleTimeoutSeconds: "90", wsMessageBurst: " " });
    assert.deepEqual(ZRoute.parse(partial).websocketPolicy, { idleTimeoutSeconds: 90, maxMessageBytes: 65_536, messagesPerSecond: 10, messageBurst: 30 });
    const loaded = toFormState(ZRoute.parse(partial));
    assert.deepEqual([loaded.wsIdleTimeoutSeconds, loaded.wsMaxMessageBytes, loaded.wsMessagesPerSecond, loaded.wsMessageBurst], ["90", "65536", "10", "30"]);
    assert.equal(toRouteInput({ ...loaded, websocket: false }).websocketPolicy, null); // turned off: cleared, not refused
    assert.equal(toFormState(ZRoute.parse({ ...partial, websocketPolicy: null })).wsIdleTimeoutSeconds, "");
  });

  it("puts WebSocket policy errors under their fields", () => {
    const ws = { ...EMPTY_ROUTE, name: "chat-ws", path: "/ws/chat", service: "chat", websocket: true };
    const errors = validateLocally({ ...ws, wsIdleTimeoutSeconds: "5", wsMaxMessageBytes: "abc", wsMessagesPerSecond: "0", wsMessageBurst: "1.5" });
    assert.deepEqual(Object.keys(errors).sort(), ["wsIdleTimeoutSeconds", "wsMaxMessageBytes", "wsMessageBurst", "wsMessagesPerSecond"]);
    assert.equal(errors.wsIdleTimeoutSeconds, "at least 10 s");
    assert.equal(fieldOf("websocketPolicy.messageBurst"), "wsMessageBurst");
    assert.equal(fieldOf("websocketPolicy"), "form"); // a policy on a route without websocket: not sent by this form
  });

  it("maps error paths onto the form's fields", () => {
    assert.equal(fieldOf("methods.2"), "methods");
    assert.equal(fieldOf("retryPolicy.attempts"), "retryAttempts");
    assert.equal(fieldOf("blockedCategories.1"), "blockedCategories"); // an unknown category, from publish
    assert.equal(fieldOf("cachePolicy.ttlSeconds"), "cacheTtlSeconds");
    assert.equal(fieldOf("cachePolicy.keyHeaders.1"), "cacheKeyHeaders");
    assert.equal(fieldOf("cachePolicy"), "form");
    assert.equal(fieldOf(""), "form");
    assert.deepEqual(groupErrors([{ path: "name", message: "a" }, { path: "name", message: "b" }, { path: "x.y", message: "c" }]), { name: "a; b", form: "x.y: c" });
  });

  it("gives instant feedback with the shared schema", () => {
    const errors = validateLocally({ ...EMPTY_ROUTE, name: "Bad Name", path: "nope", service: "", timeoutMs: "5", retryAttempts: "0" });
    assert.deepEqual(Object.keys(errors).sort(), ["name", "path", "retryAttempts", "service", "timeoutMs"]);
    assert.deepEqual(validateLocally({ ...EMPTY_ROUTE, name: "ok-route", path: "/ok/*", service: "players" }), {});
    assert.deepEqual(Object.keys(validateLocally({ ...EMPTY_ROUTE, name: "ok-route", path: "/ok/*", service: "players", auth: "authenticated" })), ["authPolicy"]);
  });

  const plain = { ...EMPTY_ROUTE, name: "scores-api", path: "/api/scores/*", service: "scores" };

  it("round-trips a whole cache policy, and loads a switched-off one with its settings", () => {
    const cachePolicy = {
      enabled: true, ttlSeconds: 60, maxTtlSeconds: 3600, statuses: [200, 404], keyQuery: ["lang", "page"], keyHeaders: ["accept-language"],
      partition: "shared", maxObjectBytes: 65_536, coalesceWaitMs: 250, staleIfErrorSeconds: 120,
    } as const;
    const route = ZRoute.parse({ ...toRouteInput(plain), cachePolicy });
    const state = toFormState(route);
    assert.deepEqual([state.cacheOn, state.cacheKeyQueryMode, state.cacheKeyQuery, state.cacheStatuses], [true, "chosen", "lang, page", ["200", "404"]]);
    assert.deepEqual(ZRoute.parse(toRouteInput(state)), route);
    const off = toFormState(ZRoute.parse({ ...route, cachePolicy: { ...cachePolicy, enabled: false } }));
    assert.deepEqual([off.cacheOn, off.cacheTtlSeconds], [false, "60"]);
    assert.deepEqual(toRouteInput({ ...off, cacheOn: true }).cachePolicy, { ...cachePolicy, statuses: [200, 404], keyQuery: ["lang", "page"], keyHeaders: ["accept-language"] });
  });

  it("turning caching on for a route without a policy gives the schema's defaults; off keeps a stored policy, switched off", () => {
    const none = toFormState(ZRoute.parse(toRouteInput(plain)));
    assert.equal(none.cacheOn, false);
    assert.equal(toRouteInput(none).cachePolicy, null);
    assert.deepEqual(ZRoute.parse(toRouteInput({ ...none, cacheOn: true })).cachePolicy, CACHE_DEFAULTS);
    assert.equal(ZRoute.parse(toRouteInput({ ...none, cacheOn: true, cacheTtlSeconds: " " })).cachePolicy?.ttlSeconds, 0); // empty: the default
    const stored = ZRoute.parse({ ...toRouteInput(plain), cachePolicy: { ttlSeconds: 30 } });
    const edited = { ...toFormState(stored), cacheOn: false, cacheTtlSeconds: "oops" }; // hidden fields are neither sent nor checked
    assert.deepEqual(toRouteInput(edited).cachePolicy, { ...stored.cachePolicy, enabled: false });
    assert.deepEqual(validateLocally(edited), {});
    assert.equal(toRouteInput({ ...toFormState(stored), cacheKeyQueryMode: "all", cacheKeyQuery: "ignored" }).cachePolicy?.keyQuery, null);
  });

  it("puts cache policy errors under their fields", () => {
    const on = { ...plain, cacheOn: true };
    const errors = validateLocally({
      ...on, cacheTtlSeconds: "7200", cacheMaxTtlSeconds: "3600", cacheStatuses: [], cacheKeyQueryMode: "chosen", cacheKeyQuery: "x".repeat(65),
      cacheKeyHeaders: "accept, Cookie", cacheMaxObjectBytes: "0", cacheCoalesceWaitMs: "60001", cacheStaleIfErrorSeconds: "-1",
    });
    assert.deepEqual(Object.keys(errors).sort(), ["cacheCoalesceWaitMs", "cacheKeyHeaders", "cacheKeyQuery", "cacheMaxObjectBytes", "cacheStaleIfErrorSeconds", "cacheStatuses", "cacheTtlSeconds"]);
    assert.equal(errors.cacheTtlSeconds, "the default TTL is above the maximum TTL");
    assert.equal(errors.cacheStatuses, "choose at least one status");
    assert.match(errors.cacheKeyHeaders!, /identity goes in the cache key through the partition/);
    assert.equal(validateLocally({ ...on, cacheMaxTtlSeconds: "1.5" }).cacheMaxTtlSeconds, "whole seconds");
    assert.deepEqual(validateLocally(on), {});
  });

  it("sums up a route's cache for the routes table", () => {
    assert.equal(cacheSummary(null), "off");
    assert.equal(cacheSummary({ ...CACHE_DEFAULTS, enabled: false, ttlSeconds: 60 }), "off");
    assert.equal(cacheSummary(CACHE_DEFAULTS), "origin");
    assert.deepEqual([30, 300, 7200, 90].map((ttlSeconds) => cacheSummary({ ...CACHE_DEFAULTS, ttlSeconds })), ["30 s", "5 min", "2 h", "90 s"]);
  });

  it("a new route compresses with the schema's defaults; a loaded route without a policy does not, and saves none", () => {
    assert.deepEqual(ZRoute.parse(toRouteInput(plain)).compression, COMPRESSION_DEFAULTS);
    const loaded = toFormState(ZRoute.parse({ ...toRouteInput(plain), compression: null }));
    assert.equal(loaded.compressionOn, false);
    assert.equal(toRouteInput(loaded).compression, null);
    assert.deepEqual(ZRoute.parse(toRouteInput({ ...loaded, compressionOn: true })).compression, COMPRESSION_DEFAULTS);
  });

  it("round-trips a compression policy, keeps a switched-off one's settings, and sends algorithms in the gateway's order", () => {
    const compression = { enabled: true, algorithms: ["gzip"], minBytes: 256, contentTypes: ["application/json", "text/*"], compressCredentialed: true } as const;
    const route = ZRoute.parse({ ...toRouteInput(plain), compression });
    const state = toFormState(route);
    assert.deepEqual([state.compressionOn, state.compressionAlgorithms, state.compressionMinBytes, state.compressionContentTypes, state.compressionCredentialed], [true, ["gzip"], "256", "application/json\ntext/*", true]);
    assert.deepEqual(ZRoute.parse(toRouteInput(state)), route);
    assert.deepEqual(toRouteInput({ ...state, compressionAlgorithms: ["gzip", "br"], compressionContentTypes: "application/json, text/*\n\n" }).compression, { ...compression, algorithms: ["br", "gzip"] });
    const off = { ...state, compressionOn: false, compressionMinBytes: "oops" }; // hidden fields are neither sent nor checked
    assert.deepEqual(toRouteInput(off).compression, { ...compression, enabled: false });
    assert.deepEqual(validateLocally(off), {});
    const reloaded = toFormState(ZRoute.parse(toRouteInput(off)));
    assert.deepEqual([reloaded.compressionOn, reloaded.compressionMinBytes], [false, "256"]);
  });

  it("puts compression policy errors under their fields", () => {
    const errors = validateLocally({ ...plain, compressionAlgorithms: [], compressionMinBytes: "-1", compressionContentTypes: "application/json\n*/*" });
    assert.deepEqual(errors, {
      compressionAlgorithms: "choose at least one algorithm",
      compressionMinBytes: "0 or more",
      compressionContentTypes: "name the types (images, video and archives gain nothing from compression)",
    });
    assert.equal(fieldOf("compression.contentTypes.4"), "compressionContentTypes");
    assert.equal(fieldOf("compression"), "form");
    assert.deepEqual(Object.keys(validateLocally({ ...plain, compressionContentTypes: " " })), ["compressionContentTypes"]);
  });

  it("sums up a route's compression for the routes table", () => {
    assert.equal(compressionSummary(null), "off");
    assert.equal(compressionSummary({ ...COMPRESSION_DEFAULTS, enabled: false }), "off");
    assert.equal(compressionSummary(COMPRESSION_DEFAULTS), "br, gzip");
    assert.equal(compressionSummary({ ...COMPRESSION_DEFAULTS, algorithms: ["gzip"] }), "gzip");
  });
});
