// The seeded demo configuration end to end, as the standalone start runs it: the demo auth service
// issues tokens through the gateway's public /api/auth/* routes, the gateway verifies them against
// the service's JWKS, protected routes need them, and the refresh route has its own strict limit.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_SERVICES, seedDemo, type DemoService } from "@tta/db";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startDemoUpstream, type DemoUpstream } from "@tta/demo-upstreams";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { request, type Echo } from "./helpers/http-client.ts";

describe("the seeded demo: sign in, call protected routes, refresh", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let upstreams: DemoUpstream[];

  before(async () => {
    tdb = await createTestDatabase("gwdemoauth");
    upstreams = await Promise.all(DEMO_SERVICES.map((name) => startDemoUpstream({ name, instance: `${name}-1` })));
    const urls = Object.fromEntries(upstreams.map((u) => [u.name, u.url])) as Record<DemoService, string>;
    await seedDemo(tdb.db, { upstreams: urls, admin: { email: "admin@test.local", name: "A", password: "pw-for-tests" } });
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("error").logger, instanceId: "gw-demo" });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all(upstreams.map((u) => u.close()));
    await tdb?.drop();
  });

  const post = (path: string, body: unknown) => request(`${gateway.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const login = async (username: string) => (await post("/api/auth/login", { username })).json<{ accessToken: string; refreshToken: string }>();
  const get = (path: string, token?: string) => request(`${gateway.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  test("protected demo routes need a token; with one from /api/auth/login the upstream sees the user", async () => {
    assert.equal((await get("/api/players/42")).status, 401);
    const { accessToken } = await login("player");
    const res = await get("/api/players/42", accessToken);
    assert.equal(res.status, 200);
    const echo = res.json<Echo>();
    assert.equal(echo.path, "/players/42");
    assert.equal(echo.headers["x-tta-user-id"], "usr_demo_player");
    assert.equal(echo.headers["x-tta-roles"], "player");
    assert.equal(echo.headers["x-tta-session-id"], "ses_demo_1");
    // The player is in a therapeutic session (tta_session): the default policy's 1.5 multiplier applies.
    assert.equal(res.headers["ratelimit-policy"], '"default";q=150;w=60');
  });

  test("the story's chapters are cached per user on narrative-api; the echo answers beside them are not, and keep no-store", async () => {
    const { accessToken } = await login("player");
    const first = await get("/api/narrative/chapters", accessToken);
    assert.equal(first.status, 200);
    assert.match(String(first.headers["cache-status"]), /fwd=uri-miss; fwd-status=200; stored/);
    const second = await get("/api/narrative/chapters", accessToken);
    assert.match(String(second.headers["cache-status"]), /^tta-gateway; hit/);
    assert.equal(second.text, first.text);
    const echo = await get("/api/narrative/scene/1", accessToken);
    assert.equal(echo.headers["cache-control"], "no-store", "an answer that says nothing about caching");
    assert.match(String(echo.headers["cache-status"]), /fwd=uri-miss; fwd-status=200$/);
  });

  test("agents are for clinicians: a player gets 403 naming the role, a clinician gets through", async () => {
    const player = await get("/api/agents/list", (await login("player")).accessToken);
    assert.equal(player.status, 403);
    assert.match(player.json().error.message, /one of the roles clinician, admin/);
    const clinician = await get("/api/agents/list", (await login("clinician")).accessToken);
    assert.equal(clinician.status, 200);
    assert.equal(clinician.json<Echo>().headers["x-tta-clearance"], "clinical");
  });

  test("refresh through the gateway rotates the pair; a spent refresh token is refused", async () => {
    const first = await login("player");
    const refreshed = await post("/api/auth/refresh", { refreshToken: first.refreshToken });
    assert.equal(refreshed.status, 200);
    const second = refreshed.json<{ accessToken: string; refreshToken: string }>();
    assert.equal((await get("/api/sessions/mine", second.accessToken)).status, 200);
    assert.equal((await post("/api/auth/refresh", { refreshToken: first.refreshToken })).status, 401, "reuse");
    assert.equal((await post("/api/auth/refresh", { refreshToken: second.refreshToken })).status, 401, "the family went with it");
    const badJson = await request(`${gateway.url}/api/auth/refresh`, { method: "POST", body: '{"refreshToken": ' });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.json().error.code, "GW_BAD_JSON");
  });

  test("the refresh route has its own strict limit (10 a minute per address); sign-in is not affected", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post("/api/auth/refresh", { refreshToken: "guess" })).status);
    // 4 refresh calls in the test before, so 6 more pass (to the auth service, which refuses the guess), then 429.
    const passed = statuses.findIndex((s) => s === 429);
    assert.ok(passed >= 6 && passed <= 7, statuses.join(" "));
    assert.ok(statuses.slice(0, passed).every((s) => s === 401) && statuses.slice(passed).every((s) => s === 429), statuses.join(" "));
    const limited = await post("/api/auth/refresh", { refreshToken: "guess" });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers["ratelimit-policy"], '"token-refresh";q=10;w=60');
    assert.equal((await post("/api/auth/login", { username: "admin" })).status, 200);
  });
});
