import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { ipSet } from "../net/ip-set.ts";
import { setForwardingHeaders } from "./forwarded-headers.ts";

const request = (headers: Record<string, string>, remoteAddress = "198.51.100.9") => ({ headers: { ...headers }, socket: { remoteAddress } }) as unknown as IncomingMessage;
const forged = {
  host: "api.tta.dev:8080",
  forwarded: "for=1.2.3.4;host=evil.example",
  "x-forwarded-for": "1.2.3.4",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-real-ip": "1.2.3.4",
  "true-client-ip": "1.2.3.4",
};

test("from an untrusted peer every claim is dropped and the gateway's own headers are set", () => {
  const req = request(forged);
  setForwardingHeaders(req, null);
  assert.deepEqual(req.headers, {
    host: "api.tta.dev:8080",
    "x-forwarded-for": "198.51.100.9",
    "x-forwarded-proto": "http",
    "x-forwarded-host": "api.tta.dev:8080",
    "x-real-ip": "198.51.100.9",
    forwarded: 'for=198.51.100.9;proto=http;host="api.tta.dev:8080"',
  });
});

test("a peer outside the trusted list is untrusted too", () => {
  const req = request(forged);
  setForwardingHeaders(req, ipSet(["10.0.0.0/8"]));
  assert.equal(req.headers["x-forwarded-for"], "198.51.100.9");
  assert.equal(req.headers["x-forwarded-host"], "api.tta.dev:8080");
});

test("from a trusted proxy its chain is kept and this hop appended; the client is the first untrusted hop", () => {
  const req = request({ host: "gw.internal", forwarded: "for=203.0.113.7;proto=https", "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https", "x-forwarded-host": "play.tta.dev" }, "10.1.2.3");
  setForwardingHeaders(req, ipSet(["10.0.0.0/8"]));
  assert.equal(req.headers["x-forwarded-for"], "203.0.113.7, 10.1.2.3");
  assert.equal(req.headers["x-forwarded-proto"], "https");
  assert.equal(req.headers["x-forwarded-host"], "play.tta.dev");
  assert.equal(req.headers["x-real-ip"], "203.0.113.7");
  assert.equal(req.headers.forwarded, 'for=203.0.113.7;proto=https, for=10.1.2.3;proto=http;host="gw.internal"');
});

test("IPv6 peers are bracketed and quoted in Forwarded", () => {
  const req = request({ host: "gw" }, "::1");
  setForwardingHeaders(req, null);
  assert.equal(req.headers.forwarded, 'for="[::1]";proto=http;host="gw"');
  assert.equal(req.headers["x-forwarded-for"], "::1");
});

test("requests on one keep-alive connection share its hop, and each gets its own Host in Forwarded", () => {
  const socket = { remoteAddress: "198.51.100.9" };
  const on = (host: string) => ({ headers: { host }, socket }) as unknown as IncomingMessage;
  const first = on("a.tta.dev");
  setForwardingHeaders(first, null);
  const second = on("b.tta.dev");
  setForwardingHeaders(second, null);
  const third = on("b.tta.dev");
  setForwardingHeaders(third, null);
  assert.equal(first.headers.forwarded, 'for=198.51.100.9;proto=http;host="a.tta.dev"');
  assert.equal(second.headers.forwarded, 'for=198.51.100.9;proto=http;host="b.tta.dev"');
  assert.equal(third.headers.forwarded, 'for=198.51.100.9;proto=http;host="b.tta.dev"');
  assert.equal(second.headers["x-forwarded-host"], "b.tta.dev");
  assert.equal(third.headers["x-forwarded-for"], "198.51.100.9");
});
