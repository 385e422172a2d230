// Standalone live path on a real gateway: GET /live/state, the /live/events SSE stream (heartbeats
// and traffic roll-ups with the right counts) and POST /breakers behind the admin token.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { ZGatewayLiveState, ZLiveEvent, ZTrafficHistory, type TLiveEvent, type TTrafficHistory, type TTrafficRollup } from "@tta/domain";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { deadPort, publishSnapshot, snapshot, startUpstreams } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";
import { openSse } from "../testing/sse-client.ts";

const TOKEN = "live-local-test-token-0123456789";
const auth = { authorization: `Bearer ${TOKEN}` };

describe("live events in standalone mode (admin API)", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let open: Gateway;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;

  before(async () => {
    tdb = await createTestDatabase("gwlivelocal");
    upstreams = await startUpstreams("players");
    await publishSnapshot(
      tdb.db,
      snapshot({ players: [upstreams[0]!.url], dead: [await deadPort()] }, [
        { name: "players-api", path: "/api/players/*", service: "players" },
        { name: "dead-api", path: "/dead/*", service: "dead" },
      ]),
    );
    const logger = captureLogger("warn").logger;
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger, instanceId: "gw-live-1", adminToken: TOKEN, rollupIntervalMs: 300 });
    open = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger, instanceId: "gw-live-open" });
  });

  after(async () => {
    await gateway?.close();
    await open?.close();
    await Promise.all(upstreams.map((u) => u.close()));
    await tdb?.drop();
  });

  test("GET /live/state describes this gateway", async () => {
    const res = await request(`${gateway.adminUrl}/live/state`, { headers: auth });
    assert.equal(res.status, 200);
    const state = ZGatewayLiveState.parse(res.json());
    assert.equal(state.heartbeat.gatewayId, "gw-live-1");
    assert.equal(state.heartbeat.mode, "local");
    assert.equal(state.heartbeat.adminUrl, gateway.adminUrl);
    assert.equal(state.heartbeat.revision, gateway.currentRevision());
    assert.equal(gateway.liveMode, "local");
  });

  test("GET /live/events streams a heartbeat at once, then roll-ups with the traffic of their window", async () => {
    const stream = await openSse<TLiveEvent>(`${gateway.adminUrl}/live/events`, auth);
    try {
      assert.equal(stream.status, 200);
      const first = await stream.next(() => true, 1_000);
      assert.equal(first.type, "gateway.heartbeat");
      // Start from a fresh window, then send known traffic.
      const fresh = stream.events.length;
      await stream.next((e) => e.type === "traffic.rollup" && stream.events.indexOf(e) >= fresh);
      const from = stream.events.length;
      for (let i = 0; i < 8; i++) await request(`${gateway.url}/api/players/${i}`);
      for (let i = 0; i < 2; i++) await request(`${gateway.url}/dead/${i}`);
      const totals = new Map<string, { count: number; errors: number }>();
      const count = (route: string) => totals.get(route)?.count ?? 0;
      const seen = new Set<TLiveEvent>();
      const deadline = Date.now() + 3_000;
      while (count("players-api") < 8 || count("dead-api") < 2) {
        const isNew = (e: TLiveEvent) => e.type === "traffic.rollup" && !seen.has(e) && stream.events.indexOf(e) >= from;
        const rollup = (await stream.next(isNew, Math.max(1, deadline - Date.now()))) as TTrafficRollup;
        seen.add(rollup);
        for (const r of rollup.routes) {
          const t = totals.get(r.route) ?? { count: 0, errors: 0 };
          totals.set(r.route, { count: t.count + r.count, errors: t.errors + r.errors });
          assert.ok(r.p50 <= r.p95 && r.p95 <= r.p99, "percentiles are ordered");
        }
      }
      assert.deepEqual(totals.get("players-api"), { count: 8, errors: 0 });
      assert.deepEqual(totals.get("dead-api"), { count: 2, errors: 2 });
      for (const e of stream.events) ZLiveEvent.parse(e);
      const state = ZGatewayLiveState.parse((await request(`${gateway.adminUrl}/live/state`, { headers: auth })).json());
      assert.ok(state.traffic, "the last roll-up is part of the state");
    } finally {
      stream.close();
    }
  });

  test("GET /live/traffic keeps the roll-ups of a range, with status classes and the unmatched row flagged", async () => {
    for (let i = 0; i < 3; i++) await request(`${gateway.url}/api/players/${i}`);
    await request(`${gateway.url}/nowhere/at-all`);
    const deadline = Date.now() + 3_000;
    let history: TTrafficHistory;
    const sum = (field: "count" | "status2xx" | "status4xx", pick: (r: TTrafficHistory["rollups"][number]["routes"][number]) => boolean) =>
      history.rollups.flatMap((r) => r.routes).filter(pick).reduce((n, r) => n + (r[field] ?? 0), 0);
    do {
      await new Promise((r) => setTimeout(r, 100));
      const res = await request(`${gateway.adminUrl}/live/traffic?range=5m`, { headers: auth });
      assert.equal(res.status, 200);
      history = ZTrafficHistory.parse(res.json());
    } while (sum("count", (r) => r.unmatched === true) < 1 && Date.now() < deadline);
    assert.equal(history.gatewayId, "gw-live-1");
    assert.equal(history.range, "5m");
    assert.ok(sum("status2xx", (r) => r.route === "players-api") >= 3, "the players' 200s are 2xx");
    assert.ok(sum("status4xx", (r) => r.unmatched === true) >= 1, "the unmatched request answered 404");
    assert.ok(!history.rollups.some((r) => r.routes.some((x) => x.route === "none")), "no route named 'none'");
    const hour = ZTrafficHistory.parse((await request(`${gateway.adminUrl}/live/traffic?range=1h`, { headers: auth })).json());
    assert.equal(hour.range, "1h");
    assert.ok(hour.rollups.every((r) => r.windowMs === 30_000));
    const bad = await request(`${gateway.adminUrl}/live/traffic?range=2d`, { headers: auth });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json().error.details.issues[0].path, ["range"]);
    assert.equal((await request(`${gateway.adminUrl}/live/traffic`)).status, 401, "the token is needed");
  });

  test("with a token configured, reads need it: 401 without, 403 with a wrong one", async () => {
    const missing = await request(`${gateway.adminUrl}/live/state`);
    assert.equal(missing.status, 401);
    assert.equal(missing.json().error.code, "GW_ADMIN_UNAUTHORIZED");
    assert.match(String(missing.headers["www-authenticate"]), /^Bearer/);
    const wrong = await request(`${gateway.adminUrl}/live/events`, { headers: { authorization: "Bearer not-the-token" } });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.json().error.code, "GW_ADMIN_FORBIDDEN");
  });

  test("POST /breakers needs the token: 401 without, 403 wrong, 200 with the gateway's ack", async () => {
    const command = JSON.stringify({ service: "players", instance: upstreams[0]!.url, action: "force_open" });
    const missing = await request(`${gateway.adminUrl}/breakers`, { method: "POST", body: command, headers: { "content-type": "application/json" } });
    assert.equal(missing.status, 401);
    assert.equal(missing.json().error.code, "GW_ADMIN_UNAUTHORIZED");
    assert.ok(missing.json().error.correlationId);

    const wrong = await request(`${gateway.adminUrl}/breakers`, { method: "POST", body: command, headers: { authorization: `Bearer ${TOKEN}x`, "x-request-id": "trace-wrong-token-1" } });
    assert.equal(wrong.status, 403);
    assert.deepEqual(wrong.json().error, { code: "GW_ADMIN_FORBIDDEN", message: "The admin token is not valid.", retryable: false, correlationId: "trace-wrong-token-1" });

    const ok = await request(`${gateway.adminUrl}/breakers`, { method: "POST", body: command, headers: { ...auth, "x-request-id": "trace-breaker-0001" } });
    assert.equal(ok.status, 200);
    const ack = ok.json();
    assert.equal(ack.gatewayId, "gw-live-1");
    assert.equal(ack.correlationId, "trace-breaker-0001");
    assert.equal(typeof ack.applied, "boolean");
  });

  test("POST /breakers refuses a bad command with field errors, and GET with 405", async () => {
    const bad = await request(`${gateway.adminUrl}/breakers`, { method: "POST", body: JSON.stringify({ service: "", action: "explode" }), headers: auth });
    assert.equal(bad.status, 400);
    const paths = bad.json().error.details.fields.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(paths, ["action", "instance", "service"]);
    const notJson = await request(`${gateway.adminUrl}/breakers`, { method: "POST", body: "{", headers: auth });
    assert.equal(notJson.status, 400);
    const get = await request(`${gateway.adminUrl}/breakers`, { headers: auth });
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, "POST");
  });

  test("without a token: reads are open, POST /breakers is disabled with a clear error", async () => {
    assert.equal((await request(`${open.adminUrl}/live/state`)).status, 200);
    const res = await request(`${open.adminUrl}/breakers`, { method: "POST", body: "{}", headers: auth });
    assert.equal(res.status, 403);
    assert.equal(res.json().error.code, "GW_ADMIN_DISABLED");
    assert.match(res.json().error.message, /GATEWAY_ADMIN_TOKEN is not set/);
  });
});
