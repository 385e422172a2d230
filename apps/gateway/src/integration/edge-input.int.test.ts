// Security headers, CORS and input limits end to end, with raw sockets for what a client library
// would never send: oversized headers and bodies, smuggling-shaped framing, broken JSON. The
// upstream records what reached it: a refused request must not have.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { SECURITY_HEADER_DEFAULTS } from "../http/header-plan.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { edgeSnapshot, rawExchange, startLeakyUpstream } from "./helpers/edge-fixtures.ts";
import { publishSnapshot } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

describe("security headers, CORS and input limits through the gateway", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let upstream: Awaited<ReturnType<typeof startLeakyUpstream>>;
  const post = (path: string, headers: string, body = "") => `POST ${path} HTTP/1.1\r\nHost: gw\r\n${headers}Connection: close\r\n\r\n${body}`;

  before(async () => {
    tdb = await createTestDatabase("gwedgeinput");
    upstream = await startLeakyUpstream();
    await publishSnapshot(
      tdb.db,
      edgeSnapshot({
        services: { app: [upstream.url] },
        routes: [
          { name: "api", path: "/api/*", service: "app", maxBodyBytes: 1_000 },
          { name: "json-api", path: "/json/*", service: "app", maxBodyBytes: 1_000, bodyValidation: "json", retryPolicy: { attempts: 2 } },
          { name: "web", path: "/web/*", service: "app", headers: { "content-security-policy": "default-src 'self'", "x-frame-options": null } },
          { name: "browser-api", path: "/browser/*", service: "app", methods: ["GET", "POST"], cors: { origins: ["https://app.tta.dev"], headers: ["authorization"], credentials: true } },
        ],
      }),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("error").logger, instanceId: "gw-edge", maxHeaderBytes: 8_192 });
  });

  after(async () => {
    await gateway?.close();
    await upstream?.close();
    await tdb?.drop();
  });

  test("proxied answers: the security headers are on, Server / X-Powered-By are gone, the gateway's CSP wins", async () => {
    const res = await request(`${gateway.url}/api/x`);
    assert.equal(res.status, 200);
    for (const [name, value] of Object.entries(SECURITY_HEADER_DEFAULTS)) assert.equal(res.headers[name], name === "strict-transport-security" ? undefined : value, name); // no HSTS over plain HTTP
    for (const leak of ["server", "x-powered-by", "x-aspnet-version"]) assert.equal(res.headers[leak], undefined, leak);
  });

  test("the gateway's own errors carry them too; a route's overrides apply", async () => {
    const notFound = await request(`${gateway.url}/nowhere`);
    assert.equal(notFound.status, 404);
    assert.equal(notFound.headers["x-content-type-options"], "nosniff");
    assert.equal(notFound.headers["strict-transport-security"], undefined, "no HSTS over plain HTTP");
    const web = await request(`${gateway.url}/web/page`);
    assert.equal(web.headers["content-security-policy"], "default-src 'self'");
    assert.equal(web.headers["x-frame-options"], undefined, "dropped by the route (and the upstream sent none)");
    assert.equal(web.headers["server"], undefined);
  });

  test("CORS: the gateway answers the preflight; the actual answer names the origin", async () => {
    const before = upstream.received.length;
    const preflight = await request(`${gateway.url}/browser/items`, {
      method: "OPTIONS",
      headers: { origin: "https://app.tta.dev", "access-control-request-method": "POST", "access-control-request-headers": "Authorization, Content-Type" },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers["access-control-allow-origin"], "https://app.tta.dev");
    assert.equal(preflight.headers["access-control-allow-methods"], "GET, POST");
    assert.equal(preflight.headers["access-control-allow-credentials"], "true");
    const denied = await request(`${gateway.url}/browser/items`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    assert.equal(denied.status, 403);
    assert.equal(denied.json().error.code, "GW_CORS_DENIED");
    assert.equal(upstream.received.length, before, "preflights never reach the upstream");
    const actual = await request(`${gateway.url}/browser/items`, { headers: { origin: "https://app.tta.dev" } });
    assert.equal(actual.headers["access-control-allow-origin"], "https://app.tta.dev");
    assert.match(String(actual.headers["vary"]), /Origin/);
  });

  test("413: a Content-Length over the route's limit is refused before anything is forwarded", async () => {
    const before = upstream.received.length;
    const answer = await rawExchange(gateway.port, post("/api/upload", "Content-Type: text/plain\r\nContent-Length: 5000\r\n", "x".repeat(5000)));
    assert.equal(answer.status, 413);
    assert.equal(answer.json().error.code, "GW_PAYLOAD_TOO_LARGE");
    assert.match(answer.json().error.message, /at most 1000 bytes/);
    assert.equal(answer.headers["connection"], "close");
    assert.equal(upstream.received.length, before);
  });

  test("413: a chunked body is counted while it streams and cut past the limit; the upstream never gets it whole", async () => {
    const chunk = (s: string) => `${s.length.toString(16)}\r\n${s}\r\n`;
    const answer = await rawExchange(gateway.port, post("/api/upload", "Transfer-Encoding: chunked\r\n"), {
      chunks: [chunk("a".repeat(600)), chunk("b".repeat(600)), chunk("c".repeat(600)), "0\r\n\r\n"],
    });
    assert.equal(answer.status, 413);
    assert.equal(answer.json().error.code, "GW_PAYLOAD_TOO_LARGE");
    assert.ok(!upstream.bodies.some((b) => b.length >= 1_200), "no upstream request completed with the oversized body");
    const small = await rawExchange(gateway.port, post("/api/upload", "Transfer-Encoding: chunked\r\n"), { chunks: [chunk("d".repeat(500)), "0\r\n\r\n"] });
    assert.equal(small.status, 200, "under the limit it streams through");
    assert.equal(upstream.bodies.at(-1), "d".repeat(500));
  });

  test("431: headers over GATEWAY_MAX_HEADER_BYTES, as JSON", async () => {
    const answer = await rawExchange(gateway.port, `GET /api/x HTTP/1.1\r\nHost: gw\r\nX-Big: ${"a".repeat(10_000)}\r\n\r\n`);
    assert.equal(answer.status, 431);
    assert.equal(answer.json().error.code, "GW_HEADERS_TOO_LARGE");
    assert.match(answer.json().error.correlationId, /^req_/);
  });

  test("smuggling-shaped framing is a 400 and nothing reaches the upstream", async () => {
    const before = upstream.received.length;
    const cases = [
      post("/api/x", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
      post("/api/x", "Content-Length: 5\r\nContent-Length: 6\r\n", "hello!"),
      post("/api/x", "Content-Length: 5\r\nContent-Length: 5\r\n", "hello"),
      post("/api/x", "Transfer-Encoding: gzip\r\n", "hello"),
      post("/api/x", "Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"),
      post("/api/x", "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", "0\r\n\r\n"),
      post("/api/x", "Content-Length: +5\r\n", "hello"),
      "POST /api/x HTTP/1.0\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ];
    for (const payload of cases) {
      const answer = await rawExchange(gateway.port, payload);
      assert.equal(answer.status, 400, payload.split("\r\n").slice(2, 4).join(" | "));
      assert.match(answer.json().error.code, /^GW_BAD_(FRAMING|REQUEST)$/);
    }
    assert.equal(upstream.received.length, before);
  });

  test("double-encoded path delimiters are refused before routing", async () => {
    for (const path of ["/api/%252e%252e/admin", "/api/a%252Fb"]) {
      const res = await request(`${gateway.url}${path}`);
      assert.equal(res.status, 400, path);
      assert.equal(res.json().error.code, "GW_BAD_REQUEST");
    }
  });

  test("JSON routes: a broken body is a 400 with where it breaks; a good one is forwarded as sent (also when retries may replay it)", async () => {
    const before = upstream.received.length;
    const bad = await request(`${gateway.url}/json/items`, { method: "POST", headers: { "content-type": "application/json" }, body: '{\n  "name": "x",\n  "tags": [1, 2,]\n}' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().error.code, "GW_BAD_JSON");
    assert.match(bad.json().error.message, /unexpected "]" at line 3, column 17/);
    assert.deepEqual(bad.json().error.details, { position: 33, line: 3, column: 17 });
    assert.equal(upstream.received.length, before);

    for (const method of ["POST", "PUT"]) {
      const body = JSON.stringify({ name: "é ok", n: [1, 2, 3] });
      const good = await request(`${gateway.url}/json/items`, { method, headers: { "content-type": "application/json" }, body });
      assert.equal(good.status, 200, method);
      assert.equal(upstream.bodies.at(-1), body, method);
    }
    const chunked = await request(`${gateway.url}/json/items`, { method: "POST", chunks: ['{"a":', "[1,2]}"] });
    assert.equal(chunked.status, 200);
    assert.equal(upstream.bodies.at(-1), '{"a":[1,2]}');
    const tooBig = await request(`${gateway.url}/json/items`, { method: "POST", chunks: ["[" + "1,".repeat(600), "1]"] });
    assert.equal(tooBig.status, 413);
  });
});
