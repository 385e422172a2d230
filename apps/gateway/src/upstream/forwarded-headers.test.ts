import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { appendForwardedFor, forwardedHeaders } from "./forwarded-headers.ts";

test("X-Forwarded-For appends the peer to any existing chain", () => {
  assert.equal(appendForwardedFor(undefined, "127.0.0.1"), "127.0.0.1");
  assert.equal(appendForwardedFor("203.0.113.7", "127.0.0.1"), "203.0.113.7, 127.0.0.1");
  assert.equal(appendForwardedFor(["203.0.113.7", "198.51.100.2"], "10.0.0.1"), "203.0.113.7, 198.51.100.2, 10.0.0.1");
  assert.equal(appendForwardedFor(undefined, undefined), undefined);
});

test("proto and host come from the connection the gateway received", () => {
  const req = { headers: { host: "api.tta.dev:8080" }, socket: { remoteAddress: "127.0.0.1" } } as unknown as IncomingMessage;
  assert.deepEqual(forwardedHeaders(req), {
    "x-forwarded-proto": "http",
    "x-forwarded-for": "127.0.0.1",
    "x-forwarded-host": "api.tta.dev:8080",
  });
});
