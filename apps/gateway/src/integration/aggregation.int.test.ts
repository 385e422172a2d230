// Aggregation routes on a real gateway with real loopback upstreams: the parts are called in
// parallel through the per-attempt chain, with the route's path params and the client's identity,
// and merged under their keys; an optional part down leaves the answer incomplete (200, header and
// body say so), a required one fails it (502 GW_AGGREGATE_PART_FAILED naming the part), a slow part
// is cut at its own timeout while the others answer, a crisis-resources part falls back to its
// static answer, the merged answer is PII-masked, and a client that leaves aborts every part.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync } from "node:zlib";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import type { DemoUpstream } from "@tta/demo-upstreams";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { sign, TEST_HMAC_SECRET, TEST_ISSUER } from "../testing/jwt.ts";
import { edgeSnapshot } from "./helpers/edge-fixtures.ts";
import { deadPort, publishSnapshot, startSilentUpstream, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request, type Echo } from "./helpers/http-client.ts";

const CRISIS = { title: "If you are in danger right now", lines: [{ name: "988 Suicide & Crisis Lifeline", phone: "988" }] };

/** A profile service that answers with personal data (for the masking route). */
async function startProfileUpstream() {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ path: req.url, email: "jo.player@example.org", note: "call (555) 123-4567" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

describe("aggregation routes", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let players: DemoUpstream;
  let sessions: DemoUpstream;
  let recommendations: DemoUpstream;
  let silent: Awaited<ReturnType<typeof startSilentUpstream>>;
  let profile: Awaited<ReturnType<typeof startProfileUpstream>>;
  const log = captureLogger("warn");

  before(async () => {
    tdb = await createTestDatabase("gwaggregate");
    [players, sessions, recommendations] = (await startUpstreams("players", "sessions", "recommendations")) as [DemoUpstream, DemoUpstream, DemoUpstream];
    silent = await startSilentUpstream({ answerAfterMs: 60_000 });
    profile = await startProfileUpstream();
    const dead = await deadPort();
    const fast = { retryPolicy: { backoffBaseMs: 1 } };
    await publishSnapshot(
      tdb.db,
      edgeSnapshot({
        services: {
          players: [players.url],
          sessions: [sessions.url],
          recommendations: [recommendations.url],
          slow: [silent.url],
          profile: [profile.url],
          safety: [dead],
          ledger: [dead],
        },
        authPolicies: [{ name: "tta", issuer: TEST_ISSUER, algorithms: ["HS256"], secretRef: "TTA_JWT_SECRET" }],
        routes: [
          {
            name: "player-overview", path: "/api/overview/:id", methods: ["GET"], service: "players", kind: "aggregate", ...fast,
            aggregate: {
              parts: [
                { key: "player", service: "players", path: "/players/:id" },
                { key: "sessions", service: "sessions", path: "/sessions?player=:id&limit=5", timeoutMs: 2_000 },
                { key: "recommendations", service: "recommendations", path: "/recommendations/for/:id", required: false },
              ],
            },
          },
          {
            name: "ledger-overview", path: "/api/ledger/:id", service: "players", kind: "aggregate", ...fast,
            aggregate: { parts: [{ key: "player", service: "players", path: "/players/:id" }, { key: "ledger", service: "ledger", path: "/ledger/:id" }] },
          },
          {
            name: "slow-overview", path: "/api/slow/:id", service: "players", kind: "aggregate", timeoutMs: 30_000, ...fast,
            aggregate: { parts: [{ key: "player", service: "players", path: "/players/:id" }, { key: "stats", service: "slow", path: "/stats/:id", timeoutMs: 300, required: false }] },
          },
          {
            name: "hanging-overview", path: "/api/hanging/:id", service: "players", kind: "aggregate", timeoutMs: 30_000,
            aggregate: { parts: [{ key: "player", service: "players", path: "/players/:id" }, { key: "stats", service: "slow", path: "/hang/:id", timeoutMs: 20_000 }] },
          },
          {
            name: "care-overview", path: "/api/care/:id", service: "players", kind: "aggregate", ...fast,
            aggregate: { parts: [{ key: "player", service: "players", path: "/players/:id" }, { key: "crisisResources", service: "safety", path: "/resources", fallback: CRISIS }] },
          },
          {
            name: "profile-overview", path: "/api/profile/:id", service: "players", kind: "aggregate", maskResponsePii: true,
            aggregate: { parts: [{ key: "profile", service: "profile", path: "/profiles/:id" }, { key: "player", service: "players", path: "/players/:id" }] },
          },
          {
            name: "compressed-overview", path: "/api/compressed/:id", service: "players", kind: "aggregate", compression: { minBytes: 0 },
            aggregate: { parts: [{ key: "player", service: "players", path: "/players/:id" }, { key: "sessions", service: "sessions", path: "/sessions?player=:id" }] },
          },
          {
            name: "member-overview", path: "/api/me/:id/*", service: "players", kind: "aggregate", auth: "authenticated", authPolicy: "tta", methods: ["POST"],
            aggregate: { parts: [{ key: "player", service: "players", path: "/players/:id/*" }, { key: "note", service: "sessions", method: "POST", path: "/notes/:id" }] },
          },
        ],
      }),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: log.logger, instanceId: "gw-aggregate", jwtSecrets: new Map([["TTA_JWT_SECRET", TEST_HMAC_SECRET]]) });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all([players, sessions, recommendations, silent, profile].map((u) => u?.close()));
    await tdb?.drop();
  });

  test("every part up: each part's answer under its key, path params substituted, complete", async () => {
    const res = await request(`${gateway.url}/api/overview/p-42`);
    assert.equal(res.status, 200);
    assert.equal(res.headers["x-tta-aggregate-complete"], "true");
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    const body = res.json<{ player: Echo; sessions: Echo; recommendations: Echo; _aggregate: unknown }>();
    assert.deepEqual(Object.keys(body), ["player", "sessions", "recommendations", "_aggregate"]);
    assert.equal(body.player.service, "players");
    assert.equal(body.player.path, "/players/p-42");
    assert.equal(body.sessions.path, "/sessions");
    assert.deepEqual(body.sessions.query, { player: "p-42", limit: "5" });
    assert.equal(body.recommendations.path, "/recommendations/for/p-42");
    assert.deepEqual(body._aggregate, { complete: true, failed: [], fallback: [] });
    // Each part carries the correlation id the client got back, and says which route sent it.
    for (const part of [body.player, body.sessions, body.recommendations]) {
      assert.equal(part.headers["x-request-id"], res.headers["x-request-id"]);
      assert.equal(part.headers["x-tta-route"], "player-overview");
      assert.equal(part.headers["accept-encoding"], "identity");
    }
  });

  test("one optional part down (its instance refusing connections): 200, complete false, the header and body say which", async () => {
    await recommendations.down("refuse");
    try {
      const res = await request(`${gateway.url}/api/overview/p-7`);
      assert.equal(res.status, 200);
      assert.equal(res.headers["x-tta-aggregate-complete"], "false");
      const body = res.json();
      assert.equal(body.player.path, "/players/p-7");
      assert.equal(body.sessions.query.player, "p-7");
      assert.equal("recommendations" in body, false, "a failed optional part is left out");
      assert.deepEqual(body._aggregate, { complete: false, failed: ["recommendations"], fallback: [] });
    } finally {
      await recommendations.up();
    }
    await waitFor("the recommendations part back", async () => (await request(`${gateway.url}/api/overview/p-7`)).headers["x-tta-aggregate-complete"] === "true", 15_000, 100);
  });

  test("a required part down: 502 GW_AGGREGATE_PART_FAILED naming the part, with the correlation id", async () => {
    const res = await request(`${gateway.url}/api/ledger/p-1`);
    assert.equal(res.status, 502);
    const { error } = res.json();
    assert.equal(error.code, "GW_AGGREGATE_PART_FAILED");
    assert.equal(error.retryable, true);
    assert.match(error.message, /"ledger"/);
    assert.equal(error.details.part, "ledger");
    assert.equal(error.details.service, "ledger");
    assert.ok(["unavailable", "breaker_open", "no_instance"].includes(error.details.reason), error.details.reason);
    assert.deepEqual(error.details.failed, ["ledger"]);
    assert.equal(error.correlationId, res.headers["x-request-id"]);
    assert.ok(log.messages("a required aggregation part failed").some((l) => l.part === "ledger"));
  });

  test("a slow part is cut at its own timeout while the others answer; its upstream request is aborted", async () => {
    const res = await request(`${gateway.url}/api/slow/p-9`);
    assert.equal(res.status, 200);
    const body = res.json();
    assert.equal(body.player.path, "/players/p-9");
    assert.deepEqual(body._aggregate, { complete: false, failed: ["stats"], fallback: [] });
    assert.equal(res.headers["x-tta-aggregate-complete"], "false");
    await waitFor("the slow part's request aborted", async () => silent.closedEarly.includes("/stats/p-9"));
  });

  test("a crisis-resources part whose service is down is still there, from its static fallback", async () => {
    const res = await request(`${gateway.url}/api/care/p-3`);
    assert.equal(res.status, 200);
    const body = res.json();
    assert.deepEqual(body.crisisResources, CRISIS);
    assert.equal(body.player.path, "/players/p-3");
    assert.deepEqual(body._aggregate, { complete: false, failed: ["crisisResources"], fallback: ["crisisResources"] });
    assert.equal(res.headers["x-tta-aggregate-complete"], "false");
  });

  test("the merged answer goes through the route's PII masking", async () => {
    const res = await request(`${gateway.url}/api/profile/p-5`);
    assert.equal(res.status, 200);
    assert.ok(!res.text.includes("jo.player@example.org") && !res.text.includes("123-4567"), res.text);
    const body = res.json();
    assert.equal(body.profile.email, "[EMAIL]");
    assert.equal(body.profile.note, "call [PHONE]");
    assert.equal(body.profile.path, "/profiles/p-5");
    assert.equal(body.player.path, "/players/p-5");
    assert.deepEqual(body._aggregate, { complete: true, failed: [], fallback: [] });
    assert.equal(Number(res.headers["content-length"]), Buffer.byteLength(res.text), "the masked length");
  });

  test("on a route with a compression policy the merged answer is compressed for the client that takes it, and left alone for one that does not", async () => {
    const get = (acceptEncoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http.get(`${gateway.url}/api/compressed/p-9`, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) })).on("error", reject);
        }).on("error", reject);
      });
    const br = await get("gzip, br");
    assert.equal(br.headers["content-encoding"], "br");
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.equal(br.headers["content-length"], undefined, "the compressed length is not the merged body's");
    const merged = JSON.parse(brotliDecompressSync(br.body).toString("utf8"));
    assert.equal(merged.player.path, "/players/p-9");
    assert.deepEqual(merged.sessions.query, { player: "p-9" });
    assert.equal(merged._aggregate.complete, true);
    const plain = await get("identity");
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.equal(Number(plain.headers["content-length"]), plain.body.length);
    assert.equal(JSON.parse(plain.body.toString("utf8")).player.path, "/players/p-9");
  });

  test("parts get the verified identity; a POST part gets the client's body; the wildcard is substituted too", async () => {
    const anonymous = await request(`${gateway.url}/api/me/p-8/week/2`, { method: "POST", body: "{}" });
    assert.equal(anonymous.status, 401, "the route's own stages run first");
    const token = await sign(TEST_HMAC_SECRET, { audience: null, subject: "usr_alice" });
    const res = await request(`${gateway.url}/api/me/p-8/week/2`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: '{"mood":"calm"}' });
    assert.equal(res.status, 200);
    const { player, note } = res.json<{ player: Echo; note: Echo }>();
    assert.equal(player.method, "GET");
    assert.equal(player.path, "/players/p-8/week/2");
    assert.equal(player.body, "", "a GET part gets no body");
    assert.equal(player.headers["content-type"], undefined);
    assert.equal(note.method, "POST");
    assert.equal(note.body, '{"mood":"calm"}');
    assert.equal(note.headers["content-type"], "application/json");
    for (const part of [player, note]) {
      assert.equal(part.headers["x-tta-user-id"], "usr_alice");
      assert.equal(part.headers["x-tta-auth-policy"], "tta");
    }
  });

  test("a client that leaves aborts the parts still running", async () => {
    const controller = new AbortController();
    const pending = request(`${gateway.url}/api/hanging/p-11`, { signal: controller.signal }).catch((error: Error) => error);
    await waitFor("the hanging part's request", async () => silent.received.includes("/hang/p-11"));
    controller.abort();
    assert.ok((await pending) instanceof Error);
    await waitFor("the hanging part's request aborted", async () => silent.closedEarly.includes("/hang/p-11"));
  });

  test("each part's outcome is counted by route, part and outcome", async () => {
    const text = (await request(`${gateway.adminUrl}/metrics`)).text;
    const count = (labels: string) => Number(new RegExp(`^tta_gateway_aggregate_parts_total\\{${labels}\\} (\\d+)`, "m").exec(text)?.[1] ?? 0);
    assert.ok(count('route="player-overview",part="player",outcome="ok"') >= 2);
    assert.ok(count('route="player-overview",part="recommendations",outcome="failed"') >= 1);
    assert.ok(count('route="care-overview",part="crisisResources",outcome="fallback"') >= 1);
    assert.ok(count('route="ledger-overview",part="ledger",outcome="failed"') >= 1);
  });
});
