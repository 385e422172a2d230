import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { test } from "node:test";
import { checkPublicKey, toFieldErrors, ZAuthPolicy, ZRateLimitPolicy, ZRoute } from "./index.ts";

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = rsa.publicKey.export({ type: "spki", format: "pem" }).toString();
const jwk = JSON.stringify(rsa.publicKey.export({ format: "jwk" }));
const pathsOf = (r: { success: boolean; error?: Parameters<typeof toFieldErrors>[0] }) => (r.error ? toFieldErrors(r.error).map((e) => e.path) : []);

test("an auth policy takes its defaults", () => {
  const p = ZAuthPolicy.parse({ name: "tta", issuer: "https://auth.tta.dev", algorithms: ["RS256"], jwksUrl: "https://auth.tta.dev/jwks" });
  assert.deepEqual(
    { audiences: p.audiences, publicKeys: p.publicKeys, secretRef: p.secretRef, skew: p.clockSkewSeconds, roles: p.rolesClaim, perms: p.permissionsClaim },
    { audiences: [], publicKeys: [], secretRef: null, skew: 30, roles: "roles", perms: "permissions" },
  );
});

test("HS256 needs a secret reference and never mixes with public-key algorithms", () => {
  const base = { name: "tta", issuer: "iss" };
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: ["HS256"] })), ["secretRef"]);
  assert.ok(ZAuthPolicy.safeParse({ ...base, algorithms: ["HS256"], secretRef: "TTA_JWT_SECRET" }).success);
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: ["HS256", "RS256"], secretRef: "S", publicKeys: [pem] })), ["algorithms"]);
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: ["HS256"], secretRef: "lower_case" })), ["secretRef"]);
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: ["ES256"], secretRef: "S", publicKeys: [pem] })), ["secretRef"]);
});

test("RS256/ES256 need a JWKS URL or a public key; none and duplicates are refused", () => {
  const base = { name: "tta", issuer: "iss" };
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: ["ES256"] })), ["jwksUrl"]);
  assert.ok(ZAuthPolicy.safeParse({ ...base, algorithms: ["RS256"], publicKeys: [pem, jwk] }).success);
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: [] })), ["algorithms"]);
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: ["none"], jwksUrl: "https://a.b/j" })), ["algorithms.0"]);
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: ["RS256", "RS256"], jwksUrl: "https://a.b/j" })), ["algorithms"]);
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: ["RS256"], jwksUrl: "ftp://a.b/j" })), ["jwksUrl"]);
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: ["RS256"], jwksUrl: "https://u:p@a.b/j" })), ["jwksUrl"]);
  assert.deepEqual(pathsOf(ZAuthPolicy.safeParse({ ...base, algorithms: ["RS256"], publicKeys: ["not a key"] })), ["publicKeys.0"]);
});

test("only public keys are accepted: private and symmetric keys are refused", () => {
  assert.equal(checkPublicKey(pem), null);
  assert.equal(checkPublicKey(jwk), null);
  assert.match(checkPublicKey(rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString())!, /private key/);
  assert.match(checkPublicKey(JSON.stringify(rsa.privateKey.export({ format: "jwk" })))!, /private key/);
  assert.match(checkPublicKey(JSON.stringify({ kty: "oct", k: "c2VjcmV0" }))!, /symmetric/);
});

test("rate-limit policies: IP lists validated, adaptive defaults, an address on both lists refused", () => {
  const p = ZRateLimitPolicy.parse({ name: "default", limit: 3, windowSeconds: 60 });
  assert.deepEqual([p.ipAllowList, p.ipBlockList, p.adaptive], [[], [], { enabled: false, latencyMsThreshold: 1000, errorRateThreshold: 0.2, minFactor: 0.25 }]);
  assert.deepEqual(pathsOf(ZRateLimitPolicy.safeParse({ name: "x1", limit: 1, windowSeconds: 1, ipAllowList: ["10.0.0.0/8", "10.0.0.0/40"] })), ["ipAllowList.1"]);
  assert.deepEqual(pathsOf(ZRateLimitPolicy.safeParse({ name: "x1", limit: 1, windowSeconds: 1, ipAllowList: ["::1"], ipBlockList: ["::1"] })), ["ipBlockList.0"]);
  assert.deepEqual(pathsOf(ZRateLimitPolicy.safeParse({ name: "x1", limit: 1, windowSeconds: 1, adaptive: { enabled: true, minFactor: 0 } })), ["adaptive.minFactor"]);
});

test("a route that needs a token names an auth policy", () => {
  const route = { name: "players-api", path: "/api/players/*", service: "players" };
  assert.deepEqual(pathsOf(ZRoute.safeParse({ ...route, auth: "authenticated" })), ["authPolicy"]);
  assert.ok(ZRoute.safeParse({ ...route, auth: "restricted", authPolicy: "tta" }).success);
  assert.equal(ZRoute.parse(route).authPolicy, null);
});
