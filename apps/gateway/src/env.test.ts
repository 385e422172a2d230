import { test } from "node:test";
import assert from "node:assert/strict";
import { EnvError, parseEnv } from "./env.ts";

test("defaults apply when only DATABASE_URL is set", () => {
  const env = parseEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/tta" });
  assert.equal(env.GATEWAY_HOST, "127.0.0.1");
  assert.equal(env.GATEWAY_PORT, 8080);
  assert.equal(env.GATEWAY_ADMIN_PORT, 8081);
  assert.equal(env.CONFIG_POLL_INTERVAL_MS, 5000);
  assert.equal(env.LOG_LEVEL, "info");
  assert.match(env.GATEWAY_INSTANCE_ID, /-\d+$/);
});

test("numbers are coerced from strings", () => {
  const env = parseEnv({ DATABASE_URL: "postgres://x@h/db", GATEWAY_PORT: "0", CONFIG_POLL_INTERVAL_MS: "250" });
  assert.equal(env.GATEWAY_PORT, 0);
  assert.equal(env.CONFIG_POLL_INTERVAL_MS, 250);
});

test("a missing DATABASE_URL and a bad port fail with one message naming both, without values", () => {
  assert.throws(
    () => parseEnv({ GATEWAY_PORT: "http", LOG_LEVEL: "loud" }),
    (error: unknown) => {
      assert.ok(error instanceof EnvError);
      assert.match(error.message, /DATABASE_URL: is required/);
      assert.match(error.message, /GATEWAY_PORT/);
      assert.match(error.message, /LOG_LEVEL/);
      assert.doesNotMatch(error.message, /loud/);
      return true;
    },
  );
});
