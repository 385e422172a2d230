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

test("live settings: empty means unset, a short admin token and a non-redis URL are refused", () => {
  const base = { DATABASE_URL: "postgres://x@h/db" };
  const defaults = parseEnv(base);
  assert.equal(defaults.REDIS_URL, undefined);
  assert.equal(defaults.REDIS_KEY_PREFIX, "");
  assert.equal(defaults.GATEWAY_ADMIN_TOKEN, undefined);
  assert.equal(defaults.LIVE_ROLLUP_INTERVAL_MS, 2000);
  const set = parseEnv({ ...base, REDIS_URL: "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: "t1:", GATEWAY_ADMIN_TOKEN: "x".repeat(32), GATEWAY_PUBLIC_ADMIN_URL: "http://gw-1:8081", LIVE_ROLLUP_INTERVAL_MS: "500" });
  assert.equal(set.REDIS_URL, "redis://127.0.0.1:6379");
  assert.equal(set.GATEWAY_PUBLIC_ADMIN_URL, "http://gw-1:8081");
  assert.equal(set.LIVE_ROLLUP_INTERVAL_MS, 500);
  assert.equal(parseEnv({ ...base, REDIS_URL: "", GATEWAY_ADMIN_TOKEN: " " }).REDIS_URL, undefined);
  assert.throws(
    () => parseEnv({ ...base, REDIS_URL: "http://nope", GATEWAY_ADMIN_TOKEN: "short-secret" }),
    (error: unknown) => {
      assert.ok(error instanceof EnvError);
      assert.match(error.message, /REDIS_URL/);
      assert.match(error.message, /GATEWAY_ADMIN_TOKEN: must be at least 16/);
      assert.doesNotMatch(error.message, /short-secret/);
      return true;
    },
  );
});
