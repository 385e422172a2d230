// The headers the gateway owns, tried over raw sockets as an attacker would (issue 8): a client's
// Connection header cannot remove what the gateway adds, forwarding headers from an untrusted peer
// never reach the upstream, Host must be one valid host, TRACE and method overrides cannot dodge a
// route's methods, a chunked body over the limit is a 413 at once, slow header senders get a 408,
// idle keep-alive outlives balancers, shutdown says Connection: close, and answers carry the
// security and Cache-Control defaults.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { sign, TEST_AUDIENCE, TEST_HMAC_SECRET, TEST_ISSUER } from "../testing/jwt.ts";
import { edgeSnapshot, rawExchange, startLeakyUpstream } from "./helpers/edge-fixtures.ts";
import { publishSnapshot, startSilentUpstream } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

describe("header hygiene at the gateway (raw sockets)", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let upstream: Awaited<ReturnType<typeof startLeakyUpstream>>;
  let silent: Awaited<ReturnType<typeof startSilentUpstream>>;
  const last = () => upstream.received.at(-1)!;
  const raw = (request: string, options?: Parameters<typeof rawExchange>[2]) => rawExchange(gateway.port, request, options);

  before(async () => {
    tdb = await createTestDatabase("gwheaders");
    upstream = await startLeakyUpstream();
    silent = await startSilentUpstream(); // never reads the body nor answers
    const policy = { issuer: TEST_ISSUER, audiences: [TEST_AUDIENCE], algorithms: ["HS256" as const], secretRef: "HYGIENE_JWT_SECRET" };
    await publishSnapshot(
      tdb.db,
      edgeSnapshot({
        services: { app: [upstream.url], slow: [silent.url] },
        authPolicies: [{ name: "tta", ...policy }],
        routes: [
          { name: "members", path: "/members/*", service: "app", auth: "authenticated", authPolicy: "tta" },
          { name: "chat", path: "/chat/*", service: "app", methods: ["POST"], safetyScan: "enforce", crisisResponse: "forward" },
          { name: "read-only", path: "/ro/*", service: "app", methods: ["GET", "POST"] },
          { name: "any", path: "/any/*", service: "app", maxBodyBytes: 1_000, timeoutMs: 10_000 },
          { name: "big", path: "/big/*", service: "slow", timeoutMs: 10_000 },
        ],
      }),
    );
    gateway = await startGateway({
      databaseUrl: tdb.url,
      port: 0,
      adminPort: 0,
      logger: captureLogger("error").logger,
      instanceId: "gw-headers",
      jwtSecrets: new Map([["HYGIENE_JWT_SECRET", TEST_HMAC_SECRET]]),
      headersTimeoutMs: 1_500,
      keepAliveTimeoutMs: 75_000,
    });
  });

  after(async () => {
    await gateway?.close();
    await upstream?.close();
    await silent?.close();
    await tdb?.drop();
  });

  test("Connection cannot remove the identity the gateway adds, nor Authorization", async () => {
    const token = await sign(TEST_HMAC_SECRET, { claims: { roles: ["player"] } });
    const res = await raw(
      `GET /members/me HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer ${token}\r\n` +
        "Connection: close, x-tta-user-id, x-tta-roles, x-tta-permissions, x-tta-session-id, authorization, x-hop\r\nx-hop: 1\r\n\r\n",
    );
    assert.equal(res.status, 200);
    const seen = last();
    assert.equal(seen["x-tta-user-id"], "usr_alice");
    assert.equal(seen["x-tta-roles"], "player");
    assert.equal(typeof seen["x-tta-permissions"], "string");
    assert.equal(seen.authorization, `Bearer ${token}`);
    assert.equal(seen["x-hop"], undefined, "a real hop-by-hop extension header is still removed");
  });

  test("Connection cannot remove the escalation headers of a crisis message", async () => {
    const body = JSON.stringify({ message: "I am going to kill myself tonight, I have the pills ready" });
    const res = await raw(
      `POST /chat/send HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close, x-tta-escalation, x-tta-crisis-severity\r\n\r\n${body}`,
    );
    assert.equal(res.status, 200);
    const seen = last();
    assert.match(String(seen["x-tta-escalation"]), /^evt_/);
    assert.ok(seen["x-tta-crisis-severity"], "the severity reached the upstream");
  });

  test("from an untrusted peer forged forwarding headers are dropped and the gateway's own are set", async () => {
    const res = await raw(
      "GET /any/x HTTP/1.1\r\nHost: gw.tta.dev\r\nForwarded: for=1.2.3.4;host=evil.example\r\nX-Real-IP: 1.2.3.4\r\n" +
        "X-Forwarded-For: 1.2.3.4\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n",
    );
    assert.equal(res.status, 200);
    const seen = last();
    assert.equal(seen["x-forwarded-for"], "127.0.0.1");
    assert.equal(seen["x-forwarded-host"], "gw.tta.dev");
    assert.equal(seen["x-forwarded-proto"], "http");
    assert.equal(seen["x-real-ip"], "127.0.0.1");
    assert.equal(seen.forwarded, 'for=127.0.0.1;proto=http;host="gw.tta.dev"');
  });

  test("an invalid or repeated Host is a 400 and never reaches the upstream", async () => {
    const before = upstream.received.length;
    for (const host of ["evil.example/x?y", "127.0.0.1:8080@evil.example", "a b"]) {
      const res = await raw(`GET /any/x HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      assert.equal(res.status, 400, host);
      assert.equal(res.json().error.code, "GW_BAD_REQUEST", host);
      assert.match(res.json().error.correlationId, /^req_/);
    }
    const twice = await raw("GET /any/x HTTP/1.1\r\nHost: gw\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assert.equal(twice.status, 400);
    assert.match(twice.json().error.message, /Host is repeated/);
    assert.equal(upstream.received.length, before);
  });

  test("TRACE is refused; a method override that names a method the route refuses is removed", async () => {
    const before = upstream.received.length;
    const trace = await raw("TRACE /any/x HTTP/1.1\r\nHost: gw\r\nCookie: session=secret\r\nConnection: close\r\n\r\n");
    assert.equal(trace.status, 405);
    assert.equal(trace.json().error.code, "GW_METHOD_NOT_ALLOWED");
    assert.doesNotMatch(trace.raw, /session=secret/);
    assert.equal(upstream.received.length, before);
    const dodge = await raw("POST /ro/items HTTP/1.1\r\nHost: gw\r\nX-HTTP-Method-Override: DELETE\r\nX-Method-Override: GET\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert.equal(dodge.status, 200);
    assert.equal(last()["x-http-method-override"], undefined);
    assert.equal(last()["x-method-override"], "GET", "an override the route accepts anyway passes");
  });

  test("a chunked body over the route's limit is a 413 as soon as it crosses it", async () => {
    const chunk = `${(600).toString(16)}\r\n${"a".repeat(600)}\r\n`;
    const res = await raw("POST /any/upload HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n", { chunks: [chunk, chunk, chunk], waitMs: 3_000 });
    assert.equal(res.status, 413, `got ${res.status} within 3 s (the route's timeout is 10 s)`);
    assert.equal(res.json().error.code, "GW_PAYLOAD_TOO_LARGE");
    assert.equal(res.headers.connection, "close");
  });

  test("a 20 MiB chunked upload on the gateway's 10 MiB default is a 413 before the route's timeout", async () => {
    const mib = Buffer.alloc(1_048_576, 97);
    const chunk = Buffer.concat([Buffer.from(`${mib.length.toString(16)}\r\n`), mib, Buffer.from("\r\n")]);
    // The upstream neither reads the body nor answers: the limit is seen as the client crosses it.
    const res = await raw("POST /big/upload HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n", { chunks: Array(20).fill(chunk), waitMs: 5_000 });
    assert.equal(res.status, 413, `got ${res.status} within 5 s (the route's timeout is 10 s)`);
    assert.equal(res.json().error.code, "GW_PAYLOAD_TOO_LARGE");
  });

  test("a slow header sender is cut with a 408 JSON answer", async () => {
    const socket = net.connect(gateway.port, "127.0.0.1");
    const received: Buffer[] = [];
    socket.on("data", (d) => received.push(d));
    socket.write("GET /any/x HTTP/1.1\r\nHost: gw\r\nX-Slow: ");
    const drip = setInterval(() => socket.writable && socket.write("a"), 200);
    await new Promise((resolve) => socket.once("close", resolve));
    clearInterval(drip);
    const text = Buffer.concat(received).toString();
    assert.match(text, /^HTTP\/1\.1 408 /);
    assert.match(text, /"code":"GW_REQUEST_TIMEOUT"/);
    assert.match(text, /content-type: application\/json/i);
  });

  test("an idle keep-alive connection outlives node's 5 s default and is reused", { timeout: 20_000 }, async () => {
    const socket = net.connect(gateway.port, "127.0.0.1");
    const answers: string[] = [];
    socket.on("data", (d) => answers.push(String(d)));
    const ask = () => socket.write("GET /any/ka HTTP/1.1\r\nHost: gw\r\n\r\n");
    await new Promise((resolve) => socket.once("connect", resolve));
    ask();
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    assert.equal(socket.destroyed, false, "still open after 6.5 s idle");
    ask();
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.destroy();
    assert.equal(answers.join("").match(/HTTP\/1\.1 200/g)?.length, 2);
  });

  test("answers carry the security headers and no-store when the upstream says nothing about caching", async () => {
    for (const path of ["/any/x", "/nowhere"]) {
      const res = await request(`${gateway.url}${path}`);
      assert.equal(res.headers["strict-transport-security"], undefined, `${path}: no HSTS over plain HTTP (tls.int.test.ts checks it over HTTPS)`);
      assert.equal(res.headers["x-dns-prefetch-control"], "off", path);
      assert.equal(res.headers["x-permitted-cross-domain-policies"], "none", path);
      assert.equal(res.headers["cache-control"], "no-store", path);
    }
  });
});

describe("shutdown closes idle keep-alive connections and says Connection: close", () => {
  test("an idle socket is closed at once; an answer during the drain carries Connection: close", async () => {
    const tdb = await createTestDatabase("gwheadersdrain");
    const slow = await startSilentUpstream({ answerAfterMs: 400 });
    await publishSnapshot(tdb.db, edgeSnapshot({ services: { app: [slow.url] }, routes: [{ name: "slow", path: "/slow/*", service: "app" }] }));
    const gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("error").logger, instanceId: "gw-drain" });
    try {
      const idle = net.connect(gateway.port, "127.0.0.1");
      await new Promise((resolve) => idle.once("connect", resolve));
      const idleClosed = new Promise((resolve) => idle.once("close", resolve));
      const busy = request(`${gateway.url}/slow/x`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closing = gateway.close();
      await idleClosed;
      const answer = await busy;
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.connection, "close");
      await closing;
    } finally {
      await gateway.close();
      await slow.close();
      await tdb.drop();
    }
  });
});
