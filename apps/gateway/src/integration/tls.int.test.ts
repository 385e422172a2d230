// TLS at the edge and to upstreams (issue 14), with real sockets, a real Postgres and certificates
// made at run time by a test CA (testing/test-pki.ts, openssl): HTTPS over HTTP/1.1 and HTTP/2
// through a route to a loopback upstream, a WebSocket over HTTPS, HSTS on https and not on http,
// the certificate swapped without a restart (and a broken swap that keeps the served one), the
// plain listener's redirect mode, and upstreams over https with a private CA and one that requires
// a client certificate (requests, health checks, a wss:// leg).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { connect as connectHttp2, constants, type ClientHttp2Session } from "node:http2";
import { request as httpsRequest, type RequestOptions } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from "node:tls";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import type { DemoUpstream } from "@tta/demo-upstreams";
import { WebSocket, WebSocketServer } from "ws";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { createTestPki, type IssuedCertificate, type TestPki } from "../testing/test-pki.ts";
import { publishSnapshot, snapshot, startSilentUpstream, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request, type TestResponse } from "./helpers/http-client.ts";

const HSTS = "max-age=63072000; includeSubDomains";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** An HTTPS request over HTTP/1.1 that trusts `ca` (node's https client offers no h2). */
function httpsGet(url: string, ca: Buffer, init: { method?: string; body?: string } = {}): Promise<Answer & { alpn: string | false | null }> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions & ConnectionOptions = { method: init.method ?? "GET", ca, agent: false, ALPNProtocols: ["http/1.1"] };
    const req = httpsRequest(url, options, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, alpn: (res.socket as TLSSocket).alpnProtocol }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

function h2(session: ClientHttp2Session, path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ":path": path, ":method": init.method ?? "GET", ...init.headers });
    let status = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    let text = "";
    stream.on("response", (h) => {
      status = Number(h[":status"]);
      headers = h as typeof headers;
    });
    stream.on("data", (d) => (text += d));
    stream.on("end", () => resolve({ status, headers, text }));
    stream.on("error", reject);
    stream.end(init.body);
  });
}

/** The serial of the certificate a new TLS handshake gets. */
function servedSerial(port: number, ca: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: "127.0.0.1", port, ca, servername: "localhost" }, () => {
      resolve(socket.getPeerCertificate().serialNumber);
      socket.end();
    });
    socket.on("error", reject);
  });
}

/** A file replaced as secret mounts and cert tools do it: written beside, renamed over. */
function replace(path: string, from: string): void {
  copyFileSync(from, `${path}.new`);
  renameSync(`${path}.new`, path);
}

/** An https upstream answering who it is, and (when it asks for one) the client certificate's CN. */
async function startHttpsUpstream(name: string, cert: IssuedCertificate, options: { clientCa?: string } = {}) {
  const seen: { url: string; clientCn: string | null }[] = [];
  const server: HttpsServer = createHttpsServer(
    {
      cert: readFileSync(cert.certFile),
      key: readFileSync(cert.keyFile),
      ...(options.clientCa ? { ca: readFileSync(options.clientCa), requestCert: true, rejectUnauthorized: true } : {}),
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      const clientCn = peer && "subject" in peer && peer.subject ? String(peer.subject.CN) : null;
      seen.push({ url: req.url ?? "", clientCn });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ upstream: name, url: req.url, clientCn }));
    },
  );
  const wss = new WebSocketServer({ server });
  wss.on("connection", (socket) => socket.send(JSON.stringify({ kind: "hello", upstream: name })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function metric(gateway: Gateway, line: RegExp): Promise<number> {
  const text = (await request(`${gateway.adminUrl}/metrics`)).text;
  const found = text.split("\n").find((l) => line.test(l));
  return found ? Number(found.split(" ").at(-1)) : 0;
}

describe("TLS at the edge and to upstreams", () => {
  let tdb: TestDatabase;
  let edgePki: TestPki; // the gateway's certificates
  let upstreamPki: TestPki; // the upstreams' private CA, which also signs the gateway's client certificate
  let edgeCa: Buffer;
  let first: IssuedCertificate;
  let second: IssuedCertificate;
  let stranger: IssuedCertificate;
  let live: { certFile: string; keyFile: string };
  let chat: DemoUpstream;
  let vault: Awaited<ReturnType<typeof startHttpsUpstream>>;
  let locked: Awaited<ReturnType<typeof startHttpsUpstream>>;
  let silent: Awaited<ReturnType<typeof startSilentUpstream>>;
  let gateway: Gateway;
  let redirecting: Gateway;
  const logs = captureLogger("warn");

  before(async () => {
    tdb = await createTestDatabase("gwtls");
    edgePki = createTestPki("edge");
    upstreamPki = createTestPki("upstream");
    edgeCa = readFileSync(edgePki.caFile);
    first = edgePki.issue("gateway-first", { commonName: "localhost" });
    second = edgePki.issue("gateway-second", { commonName: "localhost" });
    stranger = edgePki.issue("stranger");
    live = { certFile: join(edgePki.dir, "live.crt"), keyFile: join(edgePki.dir, "live.key") };
    copyFileSync(first.certFile, live.certFile);
    copyFileSync(first.keyFile, live.keyFile);
    const client = upstreamPki.issue("gateway-client");

    chat = (await startUpstreams("chat"))[0]!;
    silent = await startSilentUpstream();
    vault = await startHttpsUpstream("vault", upstreamPki.issue("vault"));
    locked = await startHttpsUpstream("locked", upstreamPki.issue("locked"), { clientCa: upstreamPki.caFile });
    const check = { enabled: true, intervalMs: 200, timeoutMs: 2_000, healthyThreshold: 1, unhealthyThreshold: 1 };
    await publishSnapshot(
      tdb.db,
      snapshot(
        {
          app: [chat.url],
          silent: [silent.url],
          vault: { instances: [{ url: vault.url }], tls: { caFile: upstreamPki.caFile } },
          "vault-public": [vault.url], // the public roots: the private CA is not trusted
          locked: { instances: [{ url: locked.url }], healthCheck: check, tls: { caFile: "env:LOCKED_TLS_CA", certFile: "env:LOCKED_TLS_CERT", keyFile: "env:LOCKED_TLS_KEY" } },
          "locked-nocert": { instances: [{ url: locked.url }], healthCheck: check, tls: { caFile: upstreamPki.caFile } },
        },
        [
          { name: "api", path: "/api/*", service: "app" },
          { name: "silent", path: "/silent/*", service: "silent", timeoutMs: 30_000 },
          { name: "chat-ws", path: "/ws/chat", service: "app", websocket: true },
          { name: "vault", path: "/vault/*", service: "vault" },
          { name: "vault-ws", path: "/vault-ws", service: "vault", websocket: true },
          { name: "vault-public", path: "/vault-public/*", service: "vault-public" },
          { name: "locked", path: "/locked/*", service: "locked" },
          { name: "locked-nocert", path: "/locked-nocert/*", service: "locked-nocert" },
          {
            name: "locked-overview", path: "/locked-overview", service: "app", kind: "aggregate",
            aggregate: { parts: [{ key: "app", service: "app", path: "/hello" }, { key: "locked", service: "locked", path: "/data" }, { key: "vault", service: "vault", path: "/secret" }] },
          },
        ],
      ),
    );
    const common = { databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("silent").logger, tlsReload: { pollMs: 200, debounceMs: 50 } };
    gateway = await startGateway({
      ...common,
      logger: logs.logger,
      instanceId: "gw-tls",
      tls: { ...live, port: 0 },
      upstreamTlsRefs: new Map([
        ["LOCKED_TLS_CA", upstreamPki.caFile],
        ["LOCKED_TLS_CERT", client.certFile],
        ["LOCKED_TLS_KEY", client.keyFile],
      ]),
    });
    redirecting = await startGateway({ ...common, instanceId: "gw-tls-redirect", tls: { certFile: first.certFile, keyFile: first.keyFile, port: 0, redirectHttp: true } });
  });

  after(async () => {
    await gateway?.close();
    await redirecting?.close();
    await chat?.close();
    await vault?.close();
    await locked?.close();
    await silent?.close();
    await tdb?.drop();
    edgePki?.cleanup();
    upstreamPki?.cleanup();
  });

  const https = (path: string) => `https://localhost:${gateway.tlsPort}${path}`;

  test("HTTPS over HTTP/1.1 reaches the upstream through the route, with HSTS; the plain listener answers without it", async () => {
    const secure = await httpsGet(https("/api/players?x=1"), edgeCa);
    assert.equal(secure.status, 200);
    assert.equal(secure.alpn, "http/1.1");
    const echo = JSON.parse(secure.text);
    assert.equal(echo.path, "/api/players");
    assert.equal(echo.headers["x-forwarded-proto"], "https");
    assert.equal(secure.headers["strict-transport-security"], HSTS);
    assert.match(String(secure.headers["x-request-id"]), /.+/);

    const notFound = await httpsGet(https("/nowhere"), edgeCa);
    assert.equal(notFound.status, 404);
    assert.equal(notFound.headers["strict-transport-security"], HSTS, "the gateway's own answers too");

    const plain: TestResponse = await request(`${gateway.url}/api/players`);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers["strict-transport-security"], undefined);
    assert.equal(plain.json().headers["x-forwarded-proto"], "http");
  });

  test("HTTP/2 by ALPN: GET and POST through the same pipeline, the upstream gets a plain HTTP/1.1 request, errors are JSON", async () => {
    const session = connectHttp2(`https://localhost:${gateway.tlsPort}`, { ca: edgeCa });
    try {
      await new Promise<void>((resolve, reject) => session.once("connect", () => resolve()).once("error", reject));
      assert.equal((session.socket as TLSSocket).alpnProtocol, "h2");

      const got = await h2(session, "/api/players/7?view=full");
      assert.equal(got.status, 200);
      assert.equal(got.headers["strict-transport-security"], HSTS);
      assert.equal(got.headers["x-content-type-options"], "nosniff");
      assert.match(String(got.headers["x-request-id"]), /.+/);
      assert.equal(got.headers.connection, undefined);
      const echo = JSON.parse(got.text);
      assert.equal(echo.method, "GET");
      assert.equal(echo.path, "/api/players/7");
      assert.deepEqual(echo.query, { view: "full" });
      assert.deepEqual(Object.keys(echo.headers).filter((h: string) => h.startsWith(":")), [], "no pseudo-headers upstream");
      assert.equal(echo.headers["x-forwarded-host"], `localhost:${gateway.tlsPort}`, "Host came from :authority");
      assert.equal(echo.headers["x-forwarded-proto"], "https");

      const posted = await h2(session, "/api/notes", { method: "POST", body: JSON.stringify({ note: "over h2" }), headers: { "content-type": "application/json" } });
      assert.equal(posted.status, 200);
      assert.equal(JSON.parse(JSON.parse(posted.text).body).note, "over h2", "the body streamed through");

      const missing = await h2(session, "/nowhere");
      assert.equal(missing.status, 404);
      assert.equal(JSON.parse(missing.text).error.code, "GW_ROUTE_NOT_FOUND");

      const both = await Promise.all([1, 2, 3, 4].map((n) => h2(session, `/api/m/${n}`)));
      assert.deepEqual(
        both.map((a) => [a.status, JSON.parse(a.text).path]),
        [1, 2, 3, 4].map((n) => [200, `/api/m/${n}`]),
        "multiplexed on one connection",
      );

      // A client that gives up: its stream's reset reaches the upstream as a cancelled request.
      const gone = session.request({ ":path": "/silent/wait" });
      gone.on("error", () => {});
      await waitFor("the upstream to get the request", async () => silent.received.includes("/silent/wait"));
      gone.close(constants.NGHTTP2_CANCEL);
      await waitFor("the upstream request to be cut", async () => silent.closedEarly.includes("/silent/wait"));
      await waitFor("nothing in flight", async () => (await metric(gateway, /^tta_gateway_in_flight_requests /)) === 0);

      const huge = await h2(session, "/api/x", { headers: { "x-big": "a".repeat(20_000) } }).catch((error: Error) => error);
      // Over HTTP/2 the header limit (GATEWAY_MAX_HEADER_BYTES, advertised as SETTINGS_MAX_HEADER_LIST_SIZE) resets the stream.
      assert.ok(huge instanceof Error && /ENHANCE_YOUR_CALM/.test(huge.message), `headers over the limit: ${huge instanceof Error ? huge.message : huge.status}`);
      assert.equal((await h2(session, "/api/after-reset")).status, 200, "the connection carries on");

      const smuggled = await h2(session, "/api/x", { headers: { ":authority": `localhost:${gateway.tlsPort}`, host: "evil.example" } });
      assert.equal(smuggled.status, 400, "a Host that contradicts :authority is refused");
      assert.deepEqual(logs.lines.filter((l) => /inside the gateway|no stage answered/.test(String(l.msg))), [], "no request failed inside the gateway");
    } finally {
      session.close();
    }
  });

  test("a WebSocket over HTTPS (HTTP/1.1) opens and relays the upstream's frames", async () => {
    const ws = new WebSocket(`wss://localhost:${gateway.tlsPort}/ws/chat`, ["tta.v1"], { ca: edgeCa });
    try {
      const frames: { type: string; data?: string }[] = [];
      ws.on("message", (d) => frames.push(JSON.parse(String(d))));
      await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
      const hello = await waitFor("the upstream's hello", async () => frames.find((f) => f.type === "message" && JSON.parse(f.data!).kind === "hello"));
      assert.equal(JSON.parse(hello.data!).service, "chat");
    } finally {
      ws.terminate();
    }
  });

  test("the certificate is swapped without a restart; a broken swap keeps the one being served", async () => {
    assert.equal(await servedSerial(gateway.tlsPort!, edgeCa), first.serial);
    const session = connectHttp2(`https://localhost:${gateway.tlsPort}`, { ca: edgeCa });
    session.on("error", () => {});
    await h2(session, "/api/before");

    replace(live.keyFile, second.keyFile);
    replace(live.certFile, second.certFile);
    await waitFor("the second certificate", async () => (await servedSerial(gateway.tlsPort!, edgeCa)) === second.serial, 15_000);
    assert.equal((await h2(session, "/api/during")).status, 200, "an open connection keeps working");
    session.close();
    assert.equal((await httpsGet(https("/api/after"), edgeCa)).status, 200);

    const failedBefore = await metric(gateway, /^tta_gateway_tls_reloads_total\{target="listener",result="failed"\}/);
    replace(live.keyFile, stranger.keyFile); // a key that is not the certificate's
    await waitFor("a failed reload", async () => (await metric(gateway, /^tta_gateway_tls_reloads_total\{target="listener",result="failed"\}/)) > failedBefore, 15_000);
    assert.equal(await servedSerial(gateway.tlsPort!, edgeCa), second.serial, "still the last good certificate");
    assert.equal((await httpsGet(https("/api/still"), edgeCa)).status, 200);
    writeFileSync(live.certFile, "-----BEGIN CERTIFICATE-----\ntruncated"); // a half-written file
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(await servedSerial(gateway.tlsPort!, edgeCa), second.serial);

    replace(live.certFile, first.certFile);
    replace(live.keyFile, first.keyFile);
    await waitFor("the first certificate again", async () => (await servedSerial(gateway.tlsPort!, edgeCa)) === first.serial, 15_000);
    const expiry = await metric(gateway, /^tta_gateway_tls_certificate_expiry_seconds /);
    assert.ok(expiry > Date.now() / 1000, "the served certificate's expiry is exported");
  });

  test("redirect mode: the plain listener sends GET/HEAD to https with 308 and refuses the rest; its answers carry no HSTS", async () => {
    const get = await request(`${redirecting.url}/api/players?x=1`, { headers: { host: "gw.example:8080" } });
    assert.equal(get.status, 308);
    assert.equal(get.headers.location, `https://gw.example:${redirecting.tlsPort}/api/players?x=1`);
    assert.equal(get.headers["strict-transport-security"], undefined);
    assert.match(String(get.headers["x-request-id"]), /.+/);
    const head = await request(`${redirecting.url}/api/players`, { method: "HEAD" });
    assert.equal(head.status, 308);
    const post = await request(`${redirecting.url}/api/notes`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    assert.equal(post.status, 403);
    assert.equal(post.json().error.code, "GW_HTTPS_REQUIRED");
    assert.match(post.json().error.details.location, /^https:\/\/127\.0\.0\.1:\d+\/api\/notes$/);
    assert.equal(post.headers["strict-transport-security"], undefined);
    const upgrade = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${redirecting.url.replace("http", "ws")}/ws/chat`);
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("open", () => reject(new Error("a plain WebSocket was accepted")));
      ws.once("error", () => {});
    });
    assert.equal(upgrade, 403);
    assert.equal((await httpsGet(`https://localhost:${redirecting.tlsPort}/api/x`, edgeCa)).status, 200, "HTTPS itself serves");
  });

  test("https upstreams: a private CA is trusted only where a service names it", async () => {
    const trusted = await httpsGet(https("/vault/secret"), edgeCa);
    assert.equal(trusted.status, 200);
    assert.equal(JSON.parse(trusted.text).upstream, "vault");
    const untrusted = await httpsGet(https("/vault-public/secret"), edgeCa);
    assert.equal(untrusted.status, 502);
    assert.equal(JSON.parse(untrusted.text).error.code, "GW_UPSTREAM_UNAVAILABLE");
  });

  test("an upstream that requires a client certificate gets the service's (named through env: references); without one it refuses; health checks present it too", async () => {
    const withCert = await httpsGet(https("/locked/data"), edgeCa);
    assert.equal(withCert.status, 200);
    assert.equal(JSON.parse(withCert.text).clientCn, "gateway-client");
    const withoutCert = await httpsGet(https("/locked-nocert/data"), edgeCa);
    assert.ok([502, 503].includes(withoutCert.status), `refused upstream: ${withoutCert.status}`);
    const state = await waitFor("both services checked", async () => {
      const all = gateway.upstreamState.instances();
      const a = all.find((i) => i.service === "locked");
      const b = all.find((i) => i.service === "locked-nocert");
      return a?.lastCheckOk !== null && b?.lastCheckOk !== null && a && b ? { a, b } : null;
    });
    assert.equal(state.a.lastCheckOk, true, `checked with the client certificate: ${state.a.lastCheckError}`);
    assert.equal(state.b.lastCheckOk, false);
    assert.ok(locked.seen.some((s) => s.url === "/health" && s.clientCn === "gateway-client"));
  });

  test("an aggregation route's parts reach https services with their own CA and client certificate", async () => {
    const res = await httpsGet(https("/locked-overview"), edgeCa);
    assert.equal(res.status, 200, res.text);
    const body = JSON.parse(res.text);
    assert.equal(body.locked.clientCn, "gateway-client");
    assert.equal(body.vault.upstream, "vault");
    assert.deepEqual(body._aggregate, { complete: true, failed: [], fallback: [] });
  });

  test("a wss:// leg to an upstream with a private CA", async () => {
    const ws = new WebSocket(`wss://localhost:${gateway.tlsPort}/vault-ws`, ["tta.v1"], { ca: edgeCa });
    try {
      const frames: { type: string; data?: string }[] = [];
      ws.on("message", (d) => frames.push(JSON.parse(String(d))));
      await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
      const hello = await waitFor("the https upstream's hello", async () => frames.find((f) => f.type === "message"));
      assert.equal(JSON.parse(hello.data!).upstream, "vault");
    } finally {
      ws.terminate();
    }
  });
});
