import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDemoEnv } from "./env.ts";

test("the test hook is off unless DEMO_TEST_HOOKS is exactly 1", () => {
  assert.equal(parseDemoEnv({}).controlPort, null);
  assert.equal(parseDemoEnv({ DEMO_TEST_HOOKS: "true", DEMO_CONTROL_PORT: "4200" }).controlPort, null);
  assert.equal(parseDemoEnv({ DEMO_TEST_HOOKS: "0" }).controlPort, null);
});

test("the control port defaults to the base port + 99 and follows DEMO_CONTROL_PORT", () => {
  assert.deepEqual(parseDemoEnv({ DEMO_TEST_HOOKS: "1" }), { host: "127.0.0.1", basePort: 4101, controlPort: 4200, registration: null });
  assert.equal(parseDemoEnv({ DEMO_TEST_HOOKS: "1", DEMO_UPSTREAM_BASE_PORT: "14101" }).controlPort, 14200);
  assert.equal(parseDemoEnv({ DEMO_TEST_HOOKS: "1", DEMO_CONTROL_PORT: "14199" }).controlPort, 14199);
});

test("a port that is not a port fails with the variable's name", () => {
  assert.throws(() => parseDemoEnv({ DEMO_UPSTREAM_BASE_PORT: "http" }), /DEMO_UPSTREAM_BASE_PORT/);
  assert.throws(() => parseDemoEnv({ DEMO_TEST_HOOKS: "1", DEMO_CONTROL_PORT: "70000" }), /DEMO_CONTROL_PORT/);
});

test("self-registration is off unless DEMO_REGISTER_ADMIN_URL is set, and then needs the token", () => {
  assert.equal(parseDemoEnv({ GATEWAY_REGISTRATION_TOKEN: "t".repeat(20) }).registration, null);
  assert.equal(parseDemoEnv({ DEMO_REGISTER_ADMIN_URL: "" }).registration, null);
  assert.throws(() => parseDemoEnv({ DEMO_REGISTER_ADMIN_URL: "http://gateway-1:8081" }), /GATEWAY_REGISTRATION_TOKEN/);
  assert.throws(() => parseDemoEnv({ DEMO_REGISTER_ADMIN_URL: "gateway-1:8081x", GATEWAY_REGISTRATION_TOKEN: "t" }), /DEMO_REGISTER_ADMIN_URL/);
  assert.throws(() => parseDemoEnv({ DEMO_REGISTER_ADMIN_URL: "not a url", GATEWAY_REGISTRATION_TOKEN: "t" }), /DEMO_REGISTER_ADMIN_URL must be a URL/);
  assert.throws(() => parseDemoEnv({ DEMO_REGISTER_ADMIN_URL: "http://gw:8081", GATEWAY_REGISTRATION_TOKEN: "t", DEMO_REGISTER_TTL_SECONDS: "1" }), /DEMO_REGISTER_TTL_SECONDS/);
});

test("the registered host: DEMO_REGISTER_HOST, else the bind address, else (bound to every interface) the machine's name", () => {
  const on = { DEMO_REGISTER_ADMIN_URL: "http://gateway-1:8081/", GATEWAY_REGISTRATION_TOKEN: "secret-token" };
  assert.deepEqual(parseDemoEnv(on, "box").registration, { adminUrl: "http://gateway-1:8081", token: "secret-token", host: "127.0.0.1", ttlSeconds: 30 });
  assert.equal(parseDemoEnv({ ...on, DEMO_UPSTREAM_BIND: "0.0.0.0" }, "a1b2c3d4e5f6").registration?.host, "a1b2c3d4e5f6");
  assert.equal(parseDemoEnv({ ...on, DEMO_UPSTREAM_BIND: "0.0.0.0", DEMO_REGISTER_HOST: "demo-upstreams" }, "box").registration?.host, "demo-upstreams");
  assert.equal(parseDemoEnv({ ...on, DEMO_REGISTER_TTL_SECONDS: "12" }).registration?.ttlSeconds, 12);
});
