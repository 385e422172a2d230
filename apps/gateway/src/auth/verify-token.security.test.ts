// Real signed tokens refused: expired, not yet valid, wrong issuer or audience, alg none, HMAC
// signed with the public key, unknown kid, tampered payload or signature, missing sub or exp. And
// the key sources themselves: no private or symmetric keys, a bounded JWKS refresh.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createSecretKey } from "node:crypto";
import { ZAuthPolicy, type TAuthPolicyInput } from "@tta/domain";
import { SignJWT } from "jose";
import { sign, startJwksServer, testKey, unsecuredToken, TEST_AUDIENCE, TEST_HMAC_SECRET, TEST_ISSUER, type JwksServer } from "../testing/jwt.ts";
import { compileAuthPolicy, type AuthCompileDeps } from "./compile-auth-policy.ts";
import { createJwksCache } from "./jwks-cache.ts";
import { verifyToken, type Verification } from "./verify-token.ts";

const rsa = testKey("RS256", "rsa-1");
const ec = testKey("ES256", "ec-1");
const stranger = testKey("ES256", "ec-1"); // same kid, another key
let jwks: JwksServer;
const deps = (over: Partial<AuthCompileDeps> = {}): AuthCompileDeps => ({
  secrets: new Map([["TTA_JWT_SECRET", TEST_HMAC_SECRET], ["SHORT_JWT_SECRET", "too-short"]]),
  jwks: createJwksCache(),
  ...over,
});
const parse = (over: Partial<TAuthPolicyInput>) => ZAuthPolicy.parse({ name: "tta", issuer: TEST_ISSUER, audiences: [TEST_AUDIENCE], algorithms: ["ES256"], ...over });
const policy = (over: Partial<TAuthPolicyInput>, d = deps()) => compileAuthPolicy(parse(over), d);
const es = () => policy({ algorithms: ["ES256"], publicKeys: [ec.publicPem], clockSkewSeconds: 5 });
const rs = () => policy({ algorithms: ["RS256"], publicKeys: [rsa.publicPem] });

function invalid(result: Verification, why: string): void {
  assert.equal(result.kind, "invalid", `${why}: ${JSON.stringify(result)}`);
}

before(async () => {
  jwks = await startJwksServer([ec.publicJwk]);
});
after(() => jwks.close());

test("expired and not yet valid, beyond the skew", async () => {
  invalid(await verifyToken(await sign(ec, { expiresIn: -6 }), es()), "expired");
  invalid(await verifyToken(await sign(ec, { notBeforeIn: 6 }), es()), "nbf in the future");
});

test("wrong issuer, wrong audience, no audience when one is required", async () => {
  invalid(await verifyToken(await sign(ec, { issuer: "https://evil.example" }), es()), "iss");
  invalid(await verifyToken(await sign(ec, { audience: "another-api" }), es()), "aud");
  invalid(await verifyToken(await sign(ec, { audience: null }), es()), "no aud");
});

test("no sub, no exp, a sub that cannot travel in a header", async () => {
  invalid(await verifyToken(await sign(ec, { subject: null }), es()), "no sub");
  invalid(await verifyToken(await sign(ec, { expiresIn: null }), es()), "no exp");
  invalid(await verifyToken(await sign(ec, { subject: "usr_a\r\nx-tta-roles: admin" }), es()), "sub with a line break");
});

test('alg "none" is refused, whatever the policy allows', async () => {
  const token = unsecuredToken({ sub: "usr_alice", iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 });
  for (const p of [es(), rs(), policy({ algorithms: ["HS256"], secretRef: "TTA_JWT_SECRET" })]) invalid(await verifyToken(token, p), "none");
  assert.ok(!ZAuthPolicy.safeParse({ name: "tta", issuer: "i", algorithms: ["none"] }).success, "and a policy cannot list it");
});

test("HMAC signed with the public key (key confusion) is refused", async () => {
  for (const [key, p] of [[rsa, rs()], [ec, es()]] as const) {
    const forged = await new SignJWT({ sub: "usr_mallory", roles: ["admin"] })
      .setProtectedHeader({ alg: "HS256", kid: key.kid })
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime("5m")
      .sign(createSecretKey(Buffer.from(key.publicPem)));
    invalid(await verifyToken(forged, p), `HS256 with the ${key.alg} public key`);
  }
  const jwksPolicy = policy({ algorithms: ["ES256"], jwksUrl: jwks.url });
  const forged = await new SignJWT({ sub: "usr_mallory" }).setProtectedHeader({ alg: "HS256", kid: "ec-1" }).setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime("5m").sign(createSecretKey(Buffer.from(JSON.stringify(ec.publicJwk))));
  invalid(await verifyToken(forged, jwksPolicy), "HS256 with the JWK as secret");
});

test("an algorithm outside the policy's list is refused even with the right key", async () => {
  const rsOnly = policy({ algorithms: ["RS256"], publicKeys: [rsa.publicPem, ec.publicPem] });
  invalid(await verifyToken(await sign(ec), rsOnly), "ES256 token on an RS256 policy");
});

test("unknown kid, and a key that is not the issuer's", async () => {
  const jwksPolicy = policy({ algorithms: ["ES256"], jwksUrl: jwks.url });
  invalid(await verifyToken(await sign(ec, { kid: "no-such-kid" }), jwksPolicy), "unknown kid");
  invalid(await verifyToken(await sign(stranger), jwksPolicy), "same kid, another key");
  invalid(await verifyToken(await sign(stranger), es()), "another key against a PEM");
});

test("tampered payload, tampered signature, and a signature moved onto another payload", async () => {
  const token = await sign(ec, { claims: { roles: ["player"] } });
  const [h, p, s] = token.split(".") as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, "base64url").toString());
  const escalated = Buffer.from(JSON.stringify({ ...payload, roles: ["admin"] })).toString("base64url");
  invalid(await verifyToken(`${h}.${escalated}.${s}`, es()), "payload changed");
  const flipped = s.slice(0, 10) + (s[10] === "A" ? "B" : "A") + s.slice(11);
  invalid(await verifyToken(`${h}.${p}.${flipped}`, es()), "signature changed");
  invalid(await verifyToken(`${h}.${p}.`, es()), "signature removed");
  const other = (await sign(ec, { subject: "usr_mallory" })).split(".")[1];
  invalid(await verifyToken(`${h}.${other}.${s}`, es()), "signature of another token");
  invalid(await verifyToken(`${h}.${p}`, es()), "two parts");
  invalid(await verifyToken("not.a.jwt", es()), "garbage");
});

test("HS256: the secret must be in the environment and at least 32 bytes, else the policy is unusable (503, not 401)", async () => {
  const missing = policy({ algorithms: ["HS256"], secretRef: "NOT_SET_JWT_SECRET" });
  assert.match(missing.unusable ?? "", /NOT_SET_JWT_SECRET/);
  assert.equal((await verifyToken(await sign(TEST_HMAC_SECRET), missing)).kind, "unavailable");
  assert.match(policy({ algorithms: ["HS256"], secretRef: "SHORT_JWT_SECRET" }).unusable ?? "", /shorter than 32/);
  invalid(await verifyToken(await sign("another-secret-that-is-long-enough-0123456789"), policy({ algorithms: ["HS256"], secretRef: "TTA_JWT_SECRET" })), "wrong secret");
});

test("private and symmetric keys in the policy refuse it at compile time", () => {
  const privatePem = ec.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const privateJwk = JSON.stringify(ec.privateKey.export({ format: "jwk" }));
  const octJwk = JSON.stringify({ kty: "oct", k: Buffer.from(TEST_HMAC_SECRET).toString("base64url") });
  for (const key of [privatePem, privateJwk, octJwk]) {
    const raw = { ...parse({ algorithms: ["ES256"], publicKeys: [ec.publicPem] }), publicKeys: [key] }; // past the schema, as a corrupted revision would be
    assert.throws(() => compileAuthPolicy(raw, deps()), /private key|symmetric/);
  }
});

test("the JWKS is fetched once, again for an unknown kid, and a flood of unknown kids costs one fetch per cooldown", async () => {
  const server = await startJwksServer([ec.publicJwk]);
  try {
    const p = policy({ algorithms: ["ES256"], jwksUrl: server.url }, deps({ jwks: createJwksCache({ cooldownMs: 500 }) }));
    for (let i = 0; i < 3; i++) assert.equal((await verifyToken(await sign(ec, { subject: `usr_${i}` }), p)).kind, "ok");
    assert.equal(server.fetches(), 1, "cached");

    const rotated = testKey("ES256", "ec-2");
    server.keys.push(rotated.publicJwk);
    await new Promise((r) => setTimeout(r, 550));
    assert.equal((await verifyToken(await sign(rotated), p)).kind, "ok", "a new kid is fetched");
    assert.equal(server.fetches(), 2);

    const flood = await Promise.all(Array.from({ length: 50 }, async (_, i) => verifyToken(await sign(ec, { kid: `made-up-${i}` }), p)));
    assert.ok(flood.every((r) => r.kind === "invalid"));
    assert.ok(server.fetches() <= 3, `fetches after the flood: ${server.fetches()}`);
  } finally {
    await server.close();
  }
});

test("a JWKS that cannot be fetched is 'unavailable' (503), not 'invalid'", async () => {
  const down = await startJwksServer([]);
  const url = down.url;
  await down.close();
  const p = policy({ algorithms: ["ES256"], jwksUrl: url }, deps({ jwks: createJwksCache({ timeoutMs: 500 }) }));
  assert.equal((await verifyToken(await sign(ec), p)).kind, "unavailable");
});
