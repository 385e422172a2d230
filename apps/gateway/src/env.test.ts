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

test("REDIS_CLUSTER_NODES: seeds with credentials parsed; refused next to REDIS_URL and when malformed, without the password", () => {
  const base = { DATABASE_URL: "postgres://x@h/db" };
  assert.equal(parseEnv(base).REDIS_CLUSTER_NODES, undefined);
  assert.equal(parseEnv({ ...base, REDIS_CLUSTER_NODES: " " }).REDIS_CLUSTER_NODES, undefined);
  assert.deepEqual(parseEnv({ ...base, REDIS_CLUSTER_NODES: "redis://:pw-123@10.0.0.1:7000,10.0.0.2:7001" }).REDIS_CLUSTER_NODES, {
    nodes: [{ host: "10.0.0.1", port: 7000 }, { host: "10.0.0.2", port: 7001 }],
    password: "pw-123",
    tls: false,
  });
  const refused = (env: Record<string, string>, pattern: RegExp) =>
    assert.throws(
      () => parseEnv({ ...base, ...env }),
      (error: unknown) => {
        assert.ok(error instanceof EnvError);
        assert.match(error.message, pattern);
        assert.doesNotMatch(error.message, /pw-123/);
        return true;
      },
    );
  refused({ REDIS_URL: "redis://127.0.0.1:6379", REDIS_CLUSTER_NODES: "127.0.0.1:7000" }, /REDIS_CLUSTER_NODES: set REDIS_URL \(one Redis\) or REDIS_CLUSTER_NODES \(a Redis Cluster\), not both/);
  refused({ REDIS_CLUSTER_NODES: "redis://:pw-123@10.0.0.1" }, /REDIS_CLUSTER_NODES: an entry with credentials has no port/);
  refused({ REDIS_CLUSTER_NODES: "10.0.0.1:7000,nonsense" }, /REDIS_CLUSTER_NODES: "nonsense" is neither host:port nor a redis:\/\/ URL/);
});
