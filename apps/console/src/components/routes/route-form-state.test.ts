import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ZRoute } from "@tta/domain/browser";
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
    assert.equal(fieldOf("cachePolicy.ttlSeconds"), "form");
    assert.equal(fieldOf(""), "form");
    assert.deepEqual(groupErrors([{ path: "name", message: "a" }, { path: "name", message: "b" }, { path: "x.y", message: "c" }]), { name: "a; b", form: "x.y: c" });
  });

  it("gives instant feedback with the shared schema", () => {
    const errors = validateLocally({ ...EMPTY_ROUTE, name: "Bad Name", path: "nope", service: "", timeoutMs: "5", retryAttempts: "0" });
    assert.deepEqual(Object.keys(errors).sort(), ["name", "path", "retryAttempts", "service", "timeoutMs"]);
    assert.deepEqual(validateLocally({ ...EMPTY_ROUTE, name: "ok-route", path: "/ok/*", service: "players" }), {});
    assert.deepEqual(Object.keys(validateLocally({ ...EMPTY_ROUTE, name: "ok-route", path: "/ok/*", service: "players", auth: "authenticated" })), ["authPolicy"]);
  });
});
