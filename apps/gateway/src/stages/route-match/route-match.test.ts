import { test } from "node:test";
import assert from "node:assert/strict";
import { ZSnapshot } from "@tta/domain";
import { compileConfig } from "../../config/compile.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { securityHeaders } from "../security-headers/security-headers.ts";
import { routeMatch } from "./route-match.ts";

const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "players", instances: [{ url: "http://127.0.0.1:4102" }] }],
    routes: [
      { id: "rt_1", name: "players-api", path: "/api/players/:id/*", rewrite: "/v2/player/:id/*", service: "players", methods: ["GET", "POST"] },
      { id: "rt_2", name: "players-raw", path: "/raw/*", service: "players" },
    ],
  }),
  { revision: 7, checksum: "c" },
);

async function run(init: Parameters<typeof fakeContext>[0]) {
  const fake = fakeContext({ config, ...init });
  let nextCalled = false;
  const runRoute = async (ctx: typeof fake.ctx) => {
    nextCalled = true;
    ctx.res.writeHead(200, {}).end(); // the route's chain answers
  };
  // The revision is echoed by the security-headers hook around it, as in the gateway.
  await securityHeaders()(fake.ctx, () =>
    routeMatch({ runRoute })(fake.ctx, async () => {
      throw new Error("route-match hands the request to its route's chain, never to next()");
    }),
  );
  return { ...fake, nextCalled };
}

test("a matching request gets its route and rewritten path, query kept, revision echoed", async () => {
  const { ctx, answer, nextCalled } = await run({ url: "/api/players/42/inventory?page=2" });
  assert.equal(nextCalled, true);
  assert.equal(ctx.match?.route.name, "players-api");
  assert.equal(ctx.match?.upstreamPath, "/v2/player/42/inventory?page=2");
  assert.equal(answer.headers["x-tta-config-revision"], "7");
});

test("without a rewrite the normalised path goes upstream", async () => {
  const { ctx } = await run({ url: "/raw/a/./b/../c%2e?q" });
  assert.equal(ctx.match?.upstreamPath, "/raw/a/c.?q");
});

test("no config loaded yet answers 503 GW_NOT_READY", async () => {
  const { answer, json, nextCalled } = await run({ config: null, url: "/api/players/1" });
  assert.equal(nextCalled, false);
  assert.equal(answer.status, 503);
  assert.equal(json().error.code, "GW_NOT_READY");
  assert.equal(json().error.correlationId, "req_test");
});

test("404, 405 with Allow, and 400 for an encoded slash, each as JSON with the correlation id", async () => {
  const notFound = await run({ url: "/nothing/here" });
  assert.equal(notFound.answer.status, 404);
  assert.equal(notFound.json().error.code, "GW_ROUTE_NOT_FOUND");

  const wrongMethod = await run({ method: "DELETE", url: "/api/players/42" });
  assert.equal(wrongMethod.answer.status, 405);
  assert.equal(wrongMethod.answer.headers["allow"], "GET, POST");
  assert.equal(wrongMethod.json().error.code, "GW_METHOD_NOT_ALLOWED");

  const bad = await run({ url: "/api/players/1%2F2" });
  assert.equal(bad.answer.status, 400);
  assert.equal(bad.json().error.code, "GW_BAD_REQUEST");
  assert.equal(bad.json().error.correlationId, "req_test");
  assert.equal(bad.answer.headers["content-type"], "application/json; charset=utf-8");
  for (const r of [notFound, wrongMethod, bad]) assert.equal(r.nextCalled, false);
});
