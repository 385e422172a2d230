import { test } from "node:test";
import assert from "node:assert/strict";
import { createLocalJWKSet, jwtVerify } from "jose";
import { TokenIssuer } from "./token-issuer.ts";

const options = { issuer: "https://auth.test/demo", audience: "tta-gateway" };

test("login: an ES256 access token the JWKS verifies, with the user's roles and claims; unknown users get nothing", async () => {
  const issuer = new TokenIssuer(options);
  const pair = await issuer.login("clinician");
  assert.ok(pair);
  assert.equal(pair.tokenType, "Bearer");
  assert.equal(pair.expiresIn, 300);
  const { payload, protectedHeader } = await jwtVerify(pair.accessToken, createLocalJWKSet(issuer.jwks()), { ...options, algorithms: ["ES256"] });
  assert.equal(protectedHeader.kid, issuer.kid);
  assert.equal(payload.sub, "usr_demo_clinician");
  assert.deepEqual(payload.roles, ["clinician"]);
  assert.equal(payload.tta_clearance, "clinical");
  assert.equal(await issuer.login("nobody"), null);
  assert.equal(await issuer.login("__proto__"), null);
  assert.equal(issuer.jwks().keys[0]!.d, undefined, "the JWKS has no private part");
});

test("refresh rotates: a refresh token works once; using a spent one revokes the whole sign-in", async () => {
  const issuer = new TokenIssuer(options);
  const first = (await issuer.login("player"))!;
  const second = await issuer.refreshPair(first.refreshToken);
  assert.ok(second.ok);
  assert.notEqual(second.pair.refreshToken, first.refreshToken);
  assert.deepEqual(await issuer.refreshPair(first.refreshToken), { ok: false, reason: "reused" });
  assert.deepEqual(await issuer.refreshPair(second.pair.refreshToken), { ok: false, reason: "unknown" }, "the family is gone");
  assert.deepEqual(await issuer.refreshPair("made-up"), { ok: false, reason: "unknown" });
});

test("refresh tokens expire; logout ends the sign-in", async () => {
  let now = Date.now();
  const issuer = new TokenIssuer({ ...options, refreshTtlSeconds: 60, now: () => now });
  const pair = (await issuer.login("player"))!;
  now += 61_000;
  assert.deepEqual(await issuer.refreshPair(pair.refreshToken), { ok: false, reason: "expired" });
  const other = (await issuer.login("player"))!;
  issuer.logout(other.refreshToken);
  assert.deepEqual(await issuer.refreshPair(other.refreshToken), { ok: false, reason: "unknown" });
});
