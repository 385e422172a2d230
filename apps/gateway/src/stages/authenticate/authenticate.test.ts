import { test } from "node:test";
import assert from "node:assert/strict";
import { ZSnapshot } from "@tta/domain";
import { createJwksCache } from "../../auth/jwks-cache.ts";
import { compileConfig } from "../../config/compile.ts";
import { captureLogger } from "../../testing/capture-logger.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { sign, TEST_AUDIENCE, TEST_HMAC_SECRET, TEST_ISSUER } from "../../testing/jwt.ts";
import { authorize } from "../authorize/authorize.ts";
import { requestHeaders } from "../request-headers/request-headers.ts";
import { authenticate } from "./authenticate.ts";

const policy = { issuer: TEST_ISSUER, audiences: [TEST_AUDIENCE], algorithms: ["HS256"] };
const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "players", instances: [{ url: "http://127.0.0.1:4102" }] }],
    authPolicies: [
      { name: "tta", ...policy, secretRef: "TTA_JWT_SECRET" },
      { name: "broken", ...policy, secretRef: "MISSING_JWT_SECRET" },
    ],
    routes: [
      { id: "rt_1", name: "public", path: "/public/*", service: "players", authPolicy: "tta" },
      { id: "rt_2", name: "members", path: "/members/*", service: "players", auth: "authenticated", authPolicy: "tta" },
      { id: "rt_3", name: "clinic", path: "/clinic/*", service: "players", auth: "restricted", authPolicy: "tta", requiredRoles: ["clinician", "admin"], requiredPermissions: ["events:read", "events:ack"] },
      { id: "rt_4", name: "broken", path: "/broken/*", service: "players", auth: "authenticated", authPolicy: "broken" },
      { id: "rt_5", name: "anonymous", path: "/anon/*", service: "players" },
    ],
  }),
  { revision: 1, checksum: "c" },
  undefined,
  { secrets: new Map([["TTA_JWT_SECRET", TEST_HMAC_SECRET]]), jwks: createJwksCache(), defaultMaxBodyBytes: 10_485_760 },
);

const log = captureLogger("debug");
const authn = authenticate(); // one instance, as in the gateway: it remembers logged outages

async function run(routeName: string, headers: Record<string, string> = {}) {
  const fake = fakeContext({ config, headers: { ...headers } });
  Object.assign(fake.ctx, { log: log.logger });
  fake.ctx.match = { route: config.routes.find((r) => r.name === routeName)!, upstreamPath: "/" };
  let passed = false;
  // The edge stage removes forged x-tta-* headers before authenticate runs, as in the gateway.
  await requestHeaders({ trustedProxies: null })(fake.ctx, () => authn(fake.ctx, () => authorize()(fake.ctx, async () => void (passed = true))));
  return { ...fake, passed, forwarded: fake.ctx.req.headers, error: () => fake.json().error as unknown as { code: string; message: string; details?: unknown } };
}

const bearer = async (claims: object = {}, over: Parameters<typeof sign>[1] = {}) => ({ authorization: `Bearer ${await sign(TEST_HMAC_SECRET, { ...over, claims: { ...claims } })}` });

test("forged identity headers are removed on every route, public ones and those without a policy too", async () => {
  const forged = { "x-tta-user-id": "usr_admin", "x-tta-roles": "admin", x_tta_roles: "admin", "x-tta-clearance": "crisis" };
  for (const route of ["public", "anonymous"]) {
    const { passed, forwarded } = await run(route, forged);
    assert.equal(passed, true);
    assert.deepEqual(Object.keys(forwarded).filter((h) => /tta/.test(h)), [], route);
  }
  const { forwarded } = await run("members", { ...forged, ...(await bearer({ roles: ["player"] })) });
  assert.equal(forwarded["x-tta-user-id"], "usr_alice");
  assert.equal(forwarded["x-tta-roles"], "player");
  assert.equal(forwarded["x-tta-clearance"], undefined);
});

test("no token: 401 GW_AUTH_REQUIRED with a challenge; a bad one: 401 GW_AUTH_INVALID without internals", async () => {
  const none = await run("members");
  assert.equal(none.answer.status, 401);
  assert.equal(none.error().code, "GW_AUTH_REQUIRED");
  assert.equal(none.answer.headers["www-authenticate"], 'Bearer realm="tta"');
  for (const headers of [{ authorization: "Bearer nonsense" }, await bearer({}, { expiresIn: -600 }), await bearer({}, { issuer: "https://evil.example" })]) {
    const bad = await run("members", headers);
    assert.equal(bad.answer.status, 401);
    assert.equal(bad.error().code, "GW_AUTH_INVALID");
    assert.doesNotMatch(bad.error().message, /ERR_|JWT|JWS|signature|claim|\biss\b|\baud\b/i);
  }
});

test("public routes: a valid token identifies the user, a bad one is ignored", async () => {
  const good = await run("public", await bearer());
  assert.equal(good.passed, true);
  assert.equal(good.ctx.auth?.userId, "usr_alice");
  const bad = await run("public", await bearer({}, { expiresIn: -600 }));
  assert.equal(bad.passed, true);
  assert.equal(bad.ctx.auth, undefined);
  assert.equal(bad.forwarded["x-tta-user-id"], undefined);
});

test("restricted: any one of the roles and every permission; 403 says what is missing", async () => {
  assert.equal((await run("clinic", await bearer({ roles: ["admin"], permissions: ["events:read", "events:ack"] }))).passed, true);
  const noRole = await run("clinic", await bearer({ roles: ["player"], permissions: ["events:read", "events:ack"] }));
  assert.equal(noRole.answer.status, 403);
  assert.equal(noRole.error().code, "GW_FORBIDDEN");
  assert.match(noRole.error().message, /one of the roles clinician, admin/);
  const noPermission = await run("clinic", await bearer({ roles: ["clinician"], permissions: ["events:read"] }));
  assert.match(noPermission.error().message, /the permission events:ack/);
  assert.deepEqual(noPermission.error().details, { missingPermissions: ["events:ack"] });
});

test("a policy whose secret is missing here answers 503 GW_AUTH_UNAVAILABLE and logs it once", async () => {
  for (let i = 0; i < 3; i++) {
    const r = await run("broken", await bearer());
    assert.equal(r.answer.status, 503);
    assert.equal(r.error().code, "GW_AUTH_UNAVAILABLE");
  }
  assert.equal(log.messages("auth policy cannot verify tokens; its protected routes answer 503").length, 1);
});
