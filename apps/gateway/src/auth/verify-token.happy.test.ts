// Real signed tokens, every algorithm and key source, accepted when right.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ZAuthPolicy, type TAuthPolicyInput } from "@tta/domain";
import { sign, startJwksServer, testKey, TEST_AUDIENCE, TEST_HMAC_SECRET, TEST_ISSUER, type JwksServer } from "../testing/jwt.ts";
import { compileAuthPolicy, type AuthCompileDeps } from "./compile-auth-policy.ts";
import { createJwksCache } from "./jwks-cache.ts";
import { verifyToken } from "./verify-token.ts";

const rsa = testKey("RS256", "rsa-1");
const ec = testKey("ES256", "ec-1");
let jwks: JwksServer;
const deps = (): AuthCompileDeps => ({ secrets: new Map([["TTA_JWT_SECRET", TEST_HMAC_SECRET]]), jwks: createJwksCache() });
const policy = (over: Partial<TAuthPolicyInput>) =>
  compileAuthPolicy(ZAuthPolicy.parse({ name: "tta", issuer: TEST_ISSUER, audiences: [TEST_AUDIENCE], algorithms: ["RS256"], ...over }), deps());

before(async () => {
  jwks = await startJwksServer([rsa.publicJwk, ec.publicJwk]);
});
after(() => jwks.close());

test("HS256 with the secret named by secretRef", async () => {
  const p = policy({ algorithms: ["HS256"], secretRef: "TTA_JWT_SECRET" });
  const result = await verifyToken(await sign(TEST_HMAC_SECRET), p);
  assert.equal(result.kind, "ok");
});

test("RS256 and ES256 with PEM public keys, and with JWKs as JSON", async () => {
  for (const key of [rsa, ec]) {
    for (const publicKeys of [[key.publicPem], [JSON.stringify(key.publicJwk)]]) {
      const p = policy({ algorithms: [key.alg], publicKeys });
      const result = await verifyToken(await sign(key), p);
      assert.equal(result.kind, "ok", `${key.alg} ${publicKeys[0]!.slice(0, 12)}`);
    }
  }
});

test("RS256 and ES256 from a JWKS served on loopback, by kid", async () => {
  const p = policy({ algorithms: ["RS256", "ES256"], jwksUrl: jwks.url });
  for (const key of [rsa, ec]) assert.equal((await verifyToken(await sign(key), p)).kind, "ok", key.alg);
});

test("several PEM keys without kids: the one that verifies is found", async () => {
  const other = testKey("ES256", "other");
  const p = policy({ algorithms: ["ES256"], publicKeys: [other.publicPem, ec.publicPem] });
  assert.equal((await verifyToken(await sign(ec, { kid: null }), p)).kind, "ok");
});

test("the auth context: sub, roles, permissions (array or space-separated), clearance, session; unsafe entries dropped", async () => {
  const p = policy({ algorithms: ["ES256"], publicKeys: [ec.publicPem], permissionsClaim: "scope", rolesClaim: "realm_access.roles" });
  const token = await sign(ec, {
    subject: "usr_bob",
    claims: { realm_access: { roles: ["clinician", "a,b", "x\ny", "admin"] }, scope: "sessions:read events:ack", tta_clearance: "clinical", tta_session: "ses_42" },
  });
  const result = await verifyToken(token, p);
  assert.equal(result.kind, "ok");
  if (result.kind !== "ok") return;
  assert.deepEqual(
    { ...result.auth, expiresAt: typeof result.auth.expiresAt },
    { userId: "usr_bob", roles: ["clinician", "admin"], permissions: ["sessions:read", "events:ack"], clearance: "clinical", sessionId: "ses_42", policy: "tta", expiresAt: "number" },
  );
});

test("no audience configured: any aud is accepted; a token listing the right one among others is accepted", async () => {
  assert.equal((await verifyToken(await sign(ec, { audience: "elsewhere" }), policy({ algorithms: ["ES256"], publicKeys: [ec.publicPem], audiences: [] }))).kind, "ok");
  assert.equal((await verifyToken(await sign(ec, { audience: ["x", TEST_AUDIENCE] }), policy({ algorithms: ["ES256"], publicKeys: [ec.publicPem] }))).kind, "ok");
});

test("within the clock skew an expired or not-yet-valid token still passes", async () => {
  const p = policy({ algorithms: ["ES256"], publicKeys: [ec.publicPem], clockSkewSeconds: 30 });
  assert.equal((await verifyToken(await sign(ec, { expiresIn: -10 }), p)).kind, "ok");
  assert.equal((await verifyToken(await sign(ec, { notBeforeIn: 10 }), p)).kind, "ok");
});

test("a verified token is remembered within its policy, and not past its exp", async () => {
  const p = policy({ algorithms: ["ES256"], publicKeys: [ec.publicPem], clockSkewSeconds: 0 });
  const token = await sign(ec, { expiresIn: 60 });
  assert.equal((await verifyToken(token, p)).kind, "ok");
  assert.equal(p.verified.size, 1);
  const later = Date.now() + 61_000;
  assert.equal(p.verified.get(token, later), null, "expired in the cache too");
});
