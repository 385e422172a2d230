import assert from "node:assert/strict";
import { test } from "node:test";
import { toFieldErrors, ZRoute, ZSnapshot, ZWebsocketPolicy } from "./index.ts";

const base = { name: "chat-ws", path: "/ws/chat", service: "chat", websocket: true };
const paths = (input: object) => {
  const r = ZRoute.safeParse({ ...base, ...input });
  return r.success ? [] : toFieldErrors(r.error).map((e) => e.path);
};

test("a route has no WebSocket policy by default: the gateway's WS_* settings apply", () => {
  assert.equal(ZRoute.parse(base).websocketPolicy, null);
  assert.equal(ZRoute.parse({ ...base, websocket: false }).websocketPolicy, null);
});

test("every field of a WebSocket policy is optional, with the gateway's built-in defaults", () => {
  assert.deepEqual(ZWebsocketPolicy.parse({}), { idleTimeoutSeconds: 600, maxMessageBytes: 65_536, messagesPerSecond: 10, messageBurst: 30 });
  assert.deepEqual(ZRoute.parse({ ...base, websocketPolicy: { idleTimeoutSeconds: 60 } }).websocketPolicy, {
    idleTimeoutSeconds: 60,
    maxMessageBytes: 65_536,
    messagesPerSecond: 10,
    messageBurst: 30,
  });
});

test("WebSocket policy bounds, each refused with its field path", () => {
  const within = { idleTimeoutSeconds: 10, maxMessageBytes: 1_024, messagesPerSecond: 1, messageBurst: 1 };
  assert.deepEqual(paths({ websocketPolicy: within }), []);
  assert.deepEqual(paths({ websocketPolicy: { idleTimeoutSeconds: 86_400, maxMessageBytes: 16_777_216, messagesPerSecond: 10_000, messageBurst: 100_000 } }), []);
  const cases: Array<[object, string]> = [
    [{ idleTimeoutSeconds: 9 }, "websocketPolicy.idleTimeoutSeconds"],
    [{ idleTimeoutSeconds: 86_401 }, "websocketPolicy.idleTimeoutSeconds"],
    [{ idleTimeoutSeconds: 60.5 }, "websocketPolicy.idleTimeoutSeconds"],
    [{ maxMessageBytes: 1_023 }, "websocketPolicy.maxMessageBytes"],
    [{ maxMessageBytes: 16_777_217 }, "websocketPolicy.maxMessageBytes"],
    [{ messagesPerSecond: 0 }, "websocketPolicy.messagesPerSecond"],
    [{ messagesPerSecond: 10_001 }, "websocketPolicy.messagesPerSecond"],
    [{ messageBurst: 0 }, "websocketPolicy.messageBurst"],
    [{ messageBurst: 100_001 }, "websocketPolicy.messageBurst"],
  ];
  for (const [policy, path] of cases) assert.deepEqual(paths({ websocketPolicy: policy }), [path], JSON.stringify(policy));
});

test("a WebSocket policy on a route without websocket is refused, in the snapshot too", () => {
  assert.deepEqual(paths({ websocket: false, websocketPolicy: {} }), ["websocketPolicy"]);
  assert.deepEqual(paths({ websocket: false, websocketPolicy: null }), []);
  const snap = ZSnapshot.safeParse({
    schemaVersion: 1,
    services: [{ name: "chat", instances: [{ url: "http://127.0.0.1:4001" }] }],
    routes: [{ id: "rt_1", ...base, websocket: false, websocketPolicy: { idleTimeoutSeconds: 60 } }],
  });
  assert.equal(snap.success, false);
  assert.deepEqual(toFieldErrors(snap.error!).map((e) => e.path), ["routes.0.websocketPolicy"]);
});

test("a snapshot published before WebSocket policies existed still parses, with none", () => {
  const snap = ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "chat", instances: [{ url: "http://127.0.0.1:4001" }] }],
    routes: [{ id: "rt_1", ...base }],
  });
  assert.equal(snap.routes[0]!.websocketPolicy, null);
});
