import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDemoEnv } from "./env.ts";

test("the test hook is off unless DEMO_TEST_HOOKS is exactly 1", () => {
  assert.equal(parseDemoEnv({}).controlPort, null);
  assert.equal(parseDemoEnv({ DEMO_TEST_HOOKS: "true", DEMO_CONTROL_PORT: "4200" }).controlPort, null);
  assert.equal(parseDemoEnv({ DEMO_TEST_HOOKS: "0" }).controlPort, null);
});

test("the control port defaults to the base port + 99 and follows DEMO_CONTROL_PORT", () => {
  assert.deepEqual(parseDemoEnv({ DEMO_TEST_HOOKS: "1" }), { host: "127.0.0.1", basePort: 4101, controlPort: 4200 });
  assert.equal(parseDemoEnv({ DEMO_TEST_HOOKS: "1", DEMO_UPSTREAM_BASE_PORT: "14101" }).controlPort, 14200);
  assert.equal(parseDemoEnv({ DEMO_TEST_HOOKS: "1", DEMO_CONTROL_PORT: "14199" }).controlPort, 14199);
});

test("a port that is not a port fails with the variable's name", () => {
  assert.throws(() => parseDemoEnv({ DEMO_UPSTREAM_BASE_PORT: "http" }), /DEMO_UPSTREAM_BASE_PORT/);
  assert.throws(() => parseDemoEnv({ DEMO_TEST_HOOKS: "1", DEMO_CONTROL_PORT: "70000" }), /DEMO_CONTROL_PORT/);
});
