import { test } from "node:test";
import assert from "node:assert/strict";
import { ZSnapshot } from "@tta/domain";
import { compileConfig } from "../../config/compile.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { cors, corsPreflight } from "./cors.ts";

const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "players", instances: [{ url: "http://127.0.0.1:4102" }] }],
    routes: [
      { id: "rt_1", name: "players-api", path: "/api/players/*", service: "players", methods: ["GET", "POST"], cors: { origins: ["https://app.tta.dev"], headers: ["Authorization"], credentials: true, maxAge: 120 } },
      { id: "rt_2", name: "open-api", path: "/api/open/*", service: "players", cors: { origins: ["*"] } },
      { id: "rt_3", name: "plain-api", path: "/api/plain/*", service: "players" },
    ],
  }),
  { revision: 1, checksum: "c" },
);

async function preflight(url: string, headers: Record<string, string>) {
  const fake = fakeContext({ config, method: "OPTIONS", url, headers });
  let passed = false;
  await corsPreflight()(fake.ctx, async () => {
    passed = true;
  });
  return { ...fake, passed };
}

const ask = (origin: string, method: string, requestHeaders?: string) => ({
  origin,
  "access-control-request-method": method,
  ...(requestHeaders ? { "access-control-request-headers": requestHeaders } : {}),
});

test("an allowed preflight is answered by the gateway: 204, methods, headers, max-age, credentials", async () => {
  const { answer, passed } = await preflight("/api/players/42", ask("https://app.tta.dev", "POST", "authorization, content-type"));
  assert.equal(passed, false);
  assert.equal(answer.status, 204);
  assert.equal(answer.headers["access-control-allow-origin"], "https://app.tta.dev");
  assert.equal(answer.headers["access-control-allow-credentials"], "true");
  assert.equal(answer.headers["access-control-allow-methods"], "GET, POST");
  assert.equal(answer.headers["access-control-allow-headers"], "authorization, content-type");
  assert.equal(answer.headers["access-control-max-age"], "120");
});

test("another origin, method or header is a 403 GW_CORS_DENIED; a route without CORS passes through", async () => {
  for (const headers of [ask("https://evil.example", "GET"), ask("https://app.tta.dev", "GET", "x-secret")]) {
    const r = await preflight("/api/players/42", headers);
    assert.equal(r.answer.status, 403);
    assert.equal(r.json().error.code, "GW_CORS_DENIED");
  }
  assert.equal((await preflight("/api/players/42", ask("https://app.tta.dev", "DELETE"))).passed, true, "no route for DELETE: route-match answers");
  assert.equal((await preflight("/api/plain/1", ask("https://app.tta.dev", "GET"))).passed, true);
  const open = await preflight("/api/open/1", ask("https://anyone.example", "PUT"));
  assert.equal(open.answer.status, 204);
  assert.equal(open.answer.headers["access-control-allow-origin"], "*");
});

test("actual requests: allowed origins get Allow-Origin and the exposed headers, others get none", async () => {
  for (const [origin, allowed] of [["https://app.tta.dev", true], ["https://evil.example", false]] as const) {
    const { ctx, answer } = fakeContext({ config, headers: { origin } });
    ctx.match = { route: config.routes.find((r) => r.name === "players-api")!, upstreamPath: "/" };
    await cors()(ctx, async () => {});
    assert.equal(answer.headers["access-control-allow-origin"], allowed ? origin : undefined);
    assert.equal(answer.headers["vary"], "Origin");
    if (allowed) assert.match(String(answer.headers["access-control-expose-headers"]), /ratelimit-remaining/);
  }
});
