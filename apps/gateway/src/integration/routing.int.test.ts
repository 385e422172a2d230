// A published config, end to end: real Postgres, real loopback upstreams, real sockets.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { deadPort, publishSnapshot, snapshot, startSilentUpstream, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request, type Echo } from "./helpers/http-client.ts";

describe("routing through a published revision", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let revision: number;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  let silent: Awaited<ReturnType<typeof startSilentUpstream>>;
  let stalling: Awaited<ReturnType<typeof startSilentUpstream>>;
  const log = captureLogger("info");

  before(async () => {
    tdb = await createTestDatabase("gwrouting");
    upstreams = await startUpstreams("players", "players", "auth");
    silent = await startSilentUpstream();
    stalling = await startSilentUpstream({ stallAfterHeaders: true });
    const [p1, p2, auth] = upstreams;
    revision = await publishSnapshot(
      tdb.db,
      snapshot({ players: [p1!.url, p2!.url], auth: [auth!.url], silent: [silent.url], stalling: [stalling.url], dead: [await deadPort()] }, [
        { name: "players-api", path: "/api/players/:id/*", rewrite: "/v2/player/:id/*", service: "players", methods: ["GET", "POST"] },
        { name: "auth-api", path: "/api/auth/*", rewrite: "/auth/*", service: "auth" },
        { name: "tenant-api", path: "/api/*", host: "*.tenant.test", rewrite: "/tenant/*", service: "auth" },
        { name: "slow-api", path: "/slow/*", service: "silent", timeoutMs: 300 },
        { name: "hang-api", path: "/hang/*", service: "silent", timeoutMs: 20_000 },
        { name: "dead-api", path: "/dead/*", service: "dead" },
        { name: "stall-api", path: "/stall/*", service: "stalling", timeoutMs: 300 },
      ]),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, pollIntervalMs: 500, logger: log.logger, instanceId: "gw-routing" });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all(upstreams.map((u) => u.close()));
    await silent?.close();
    await stalling?.close();
    await tdb?.drop();
  });

  test("a request reaches the route's upstream with the rewritten path, query, forwarded headers and request id", async () => {
    const res = await request(`${gateway.url}/api/players/42/inventory?page=2&sort=name`, {
      headers: { host: "gw.test:8080", "x-request-id": "client-trace-0001", "x-forwarded-for": "203.0.113.9" },
    });
    assert.equal(res.status, 200);
    const echo = res.json<Echo>();
    assert.equal(echo.service, "players");
    assert.equal(echo.path, "/v2/player/42/inventory");
    assert.deepEqual(echo.query, { page: "2", sort: "name" });
    assert.equal(echo.headers["x-request-id"], "client-trace-0001");
    assert.equal(echo.headers["x-forwarded-for"], "127.0.0.1", "the test client is not a trusted proxy: its own X-Forwarded-For is dropped");
    assert.equal(echo.headers["x-forwarded-proto"], "http");
    assert.equal(echo.headers["x-forwarded-host"], "gw.test:8080");
    assert.equal(echo.headers["x-tta-config-revision"], String(revision));
    assert.equal(echo.headers["x-tta-route"], "players-api");
    assert.equal(res.headers["x-request-id"], "client-trace-0001");
    assert.equal(res.headers["x-tta-config-revision"], String(revision));
  });

  test("without a usable incoming id the gateway makes one, and client and upstream see the same", async () => {
    const res = await request(`${gateway.url}/api/auth/session`, { headers: { "x-request-id": "bad id!" } });
    assert.equal(res.status, 200);
    const id = res.headers["x-request-id"];
    assert.match(String(id), /^req_[0-9a-z]{22}$/);
    assert.equal(res.json<Echo>().headers["x-request-id"], id);
    assert.equal(res.json<Echo>().path, "/auth/session");
  });

  test("instances of a service take turns (round robin) over reused keep-alive connections", async () => {
    let connections = 0;
    const count = () => connections++;
    for (const u of upstreams) u.server.on("connection", count);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) seen.push((await request(`${gateway.url}/api/players/${i}/x`)).json<Echo>().instance);
    for (const u of upstreams) u.server.off("connection", count);
    assert.equal(new Set(seen).size, 2);
    for (let i = 2; i < seen.length; i++) assert.equal(seen[i], seen[i - 2]);
    assert.notEqual(seen[0], seen[1]);
    assert.ok(connections <= 2, `expected the gateway to reuse upstream connections, saw ${connections} new ones`);
  });

  test("a host-specific route wins for its hosts only", async () => {
    const tenant = await request(`${gateway.url}/api/auth/x`, { headers: { host: "acme.tenant.test:8080" } });
    assert.equal(tenant.json<Echo>().path, "/tenant/auth/x");
    const plain = await request(`${gateway.url}/api/auth/x`, { headers: { host: "gw.test" } });
    assert.equal(plain.json<Echo>().path, "/auth/x");
    assert.equal((await request(`${gateway.url}/api/other`, { headers: { host: "gw.test" } })).status, 404);
  });

  test("request bodies stream through, including chunked uploads", async () => {
    const piece = "x".repeat(16 * 1024);
    const res = await request(`${gateway.url}/api/players/7/notes`, { method: "POST", chunks: Array(8).fill(piece), headers: { "content-type": "text/plain" } });
    assert.equal(res.status, 200);
    const echo = res.json<Echo>();
    assert.equal(echo.method, "POST");
    assert.equal(echo.body.length, 8 * piece.length);
    assert.equal(echo.headers["transfer-encoding"], "chunked");
  });

  test("hop-by-hop headers are dropped both ways, including the upstream's Keep-Alive", async () => {
    const res = await request(`${gateway.url}/api/players/1/x`, {
      headers: {
        connection: "keep-alive, x-hop-secret",
        "x-hop-secret": "s3cret",
        "keep-alive": "timeout=1",
        te: "trailers",
        "proxy-authorization": "Basic Zm9vOmJhcg==",
        "x-end-to-end": "kept",
      },
    });
    const seen = res.json<Echo>().headers;
    for (const name of ["x-hop-secret", "keep-alive", "te", "proxy-authorization"]) assert.equal(seen[name], undefined, name);
    assert.equal(seen["x-end-to-end"], "kept");
    // The demo upstream says `Keep-Alive: timeout=65`; only the gateway's own connection header may reach the client.
    assert.notEqual(res.headers["keep-alive"], "timeout=65");
    assert.equal(res.headers["x-demo-service"], "players");
  });

  test("404, 405 and 400 answer JSON with a stable code and the correlation id", async () => {
    const notFound = await request(`${gateway.url}/nowhere`);
    assert.equal(notFound.status, 404);
    assert.match(String(notFound.headers["content-type"]), /^application\/json/);
    assert.equal(notFound.json().error.code, "GW_ROUTE_NOT_FOUND");
    assert.equal(notFound.json().error.correlationId, notFound.headers["x-request-id"]);

    const wrongMethod = await request(`${gateway.url}/api/players/42/x`, { method: "DELETE", headers: { "x-request-id": "trace-405-abcdef" } });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, "GET, POST");
    assert.deepEqual(wrongMethod.json().error, {
      code: "GW_METHOD_NOT_ALLOWED",
      message: "This route does not accept this method.",
      retryable: false,
      correlationId: "trace-405-abcdef",
      traceId: wrongMethod.json().error.traceId,
    });
    assert.match(wrongMethod.json().error.traceId, /^[0-9a-f]{32}$/, "the W3C trace id beside the correlation id");

    const encodedSlash = await request(`${gateway.url}/api/players/1%2F..%2Fadmin/x`);
    assert.equal(encodedSlash.status, 400);
    assert.equal(encodedSlash.json().error.code, "GW_BAD_REQUEST");
    assert.equal(encodedSlash.json().error.correlationId, encodedSlash.headers["x-request-id"]);
  });

  test("a dot-segment or percent-encoded path is matched in its normalised form", async () => {
    const res = await request(`${gateway.url}/api/x/../%70layers/5/./stats`);
    assert.equal(res.status, 200);
    assert.equal(res.json<Echo>().path, "/v2/player/5/stats");
  });

  test("an upstream that refuses connections answers 502 GW_UPSTREAM_UNAVAILABLE, logged once", async () => {
    const res = await request(`${gateway.url}/dead/x`, { headers: { "x-request-id": "trace-502-abcdef" } });
    assert.equal(res.status, 502);
    assert.deepEqual(res.json().error, {
      code: "GW_UPSTREAM_UNAVAILABLE",
      message: "The upstream service could not be reached.",
      retryable: true,
      correlationId: "trace-502-abcdef",
      traceId: res.json().error.traceId,
    });
    assert.doesNotMatch(res.text, /ECONNREFUSED|at .*\.ts/);
    const lines = log.messages("upstream attempt failed").filter((l) => l.requestId === "trace-502-abcdef");
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.code, "GW_UPSTREAM_UNAVAILABLE");
    assert.equal(lines[0]!.traceId, res.json().error.traceId);
  });

  test("the route timeout answers 504 GW_UPSTREAM_TIMEOUT and really aborts the upstream request", async () => {
    const started = Date.now();
    const res = await request(`${gateway.url}/slow/report`);
    const took = Date.now() - started;
    assert.equal(res.status, 504);
    assert.equal(res.json().error.code, "GW_UPSTREAM_TIMEOUT");
    assert.equal(res.json().error.correlationId, res.headers["x-request-id"]);
    assert.ok(took >= 280 && took < 2_000, `answered after ${took} ms`);
    await waitFor("the upstream to see its request aborted", async () => silent.closedEarly.includes("/slow/report"), 2_000);
  });

  test("an upstream that stalls after its headers: the connection is cut, never a second answer", async () => {
    let head: { status: number; revision: unknown } | null = null;
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get(`${gateway.url}/stall/download`, { agent: false }, (res) => {
        head = { status: res.statusCode ?? 0, revision: res.headers["x-tta-config-revision"] };
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve(`complete: ${body}`));
        res.on("close", () => resolve(`cut after "${body}"`));
      });
      req.on("error", (error) => resolve(`error: ${error.message}`));
    });
    assert.deepEqual(head, { status: 200, revision: String(revision) });
    assert.equal(outcome, 'cut after "partial "');
    await waitFor("the upstream request to be aborted", async () => stalling.closedEarly.includes("/stall/download"), 2_000);
    const lines = log.messages("upstream attempt failed").filter((l) => l.route === "stall-api");
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.code, "GW_UPSTREAM_TIMEOUT");
  });

  test("a client that goes away aborts the upstream request", async () => {
    const controller = new AbortController();
    const pending = request(`${gateway.url}/hang/abort-me`, { signal: controller.signal, agent: false });
    await waitFor("the upstream to receive the request", async () => silent.received.includes("/hang/abort-me"), 2_000);
    controller.abort();
    await assert.rejects(pending);
    await waitFor("the upstream request to be aborted", async () => silent.closedEarly.includes("/hang/abort-me"), 2_000);
    assert.equal(log.messages("upstream attempt failed").filter((l) => l.route === "hang-api").length, 0);
  });

  test("admin: /healthz is 200, /readyz reports the loaded revision and a connected listener", async () => {
    const health = await request(`${gateway.adminUrl}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(health.json().status, "ok");
    const ready = await request(`${gateway.adminUrl}/readyz`);
    assert.equal(ready.status, 200);
    const body = ready.json();
    assert.equal(body.status, "ready");
    assert.equal(body.instanceId, "gw-routing");
    assert.equal(body.revision, revision);
    assert.equal(body.lastRejected, null);
    assert.equal(body.listenerConnected, true);
    assert.ok(!Number.isNaN(Date.parse(body.loadedAt)));
    assert.equal((await request(`${gateway.adminUrl}/nope`)).status, 404);
  });

  test("no request was logged at info level", () => {
    const perRequest = log.lines.filter((l) => l.level <= 30 && typeof l.requestId === "string");
    assert.deepEqual(perRequest, []);
  });
});
