// The edge settings of the environment: limits, trusted proxies and the JWT secrets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseEnv, readJwtSecrets } from "./env.ts";

const base = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/tta" };

test("header and body limits default to 16 KiB and 10 MiB; trusted proxies to none", () => {
  const env = parseEnv(base);
  assert.equal(env.GATEWAY_MAX_HEADER_BYTES, 16_384);
  assert.equal(env.GATEWAY_MAX_BODY_BYTES, 10_485_760);
  assert.deepEqual(env.GATEWAY_TRUSTED_PROXIES, []);
  assert.deepEqual(parseEnv({ ...base, GATEWAY_TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.1,::1" }).GATEWAY_TRUSTED_PROXIES, ["10.0.0.0/8", "192.0.2.1", "::1"]);
});

test("a bad proxy list or limit names the variable", () => {
  assert.throws(() => parseEnv({ ...base, GATEWAY_TRUSTED_PROXIES: "10.0.0.0/33" }), /GATEWAY_TRUSTED_PROXIES/);
  assert.throws(() => parseEnv({ ...base, GATEWAY_TRUSTED_PROXIES: "lb.internal" }), /GATEWAY_TRUSTED_PROXIES/);
  assert.throws(() => parseEnv({ ...base, GATEWAY_MAX_HEADER_BYTES: "10" }), /GATEWAY_MAX_HEADER_BYTES/);
});

test("JWT secrets: only names with JWT, at least 32 bytes", () => {
  const long = "x".repeat(32);
  const secrets = readJwtSecrets({ TTA_JWT_SECRET: long, JWT_SECRET_PARTNER: long, SHORT_JWT: "short", DATABASE_URL: long, PATH: long, lower_jwt: long });
  assert.deepEqual([...secrets.keys()].sort(), ["JWT_SECRET_PARTNER", "TTA_JWT_SECRET"]);
});
