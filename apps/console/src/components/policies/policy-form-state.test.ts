import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ZAuthPolicy, ZRateLimitPolicy } from "@tta/domain/browser";
import { EMPTY_AUTH, toAuthFormState, toAuthInput, validateAuthLocally } from "./auth-form-state.ts";
import { EMPTY_RATE_LIMIT, rateLimitFieldOf, toRateLimitFormState, toRateLimitInput, validateRateLimitLocally } from "./rate-limit-form-state.ts";

const PEM = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\nAAAA\n-----END PUBLIC KEY-----";

describe("rate-limit policy form state", () => {
  it("round-trips a policy through the form", () => {
    const policy = ZRateLimitPolicy.parse({
      name: "strict",
      scope: "ip",
      limit: 3,
      windowSeconds: 60,
      burst: 0,
      failMode: "closed",
      ipAllowList: ["10.0.0.0/8", "::1"],
      adaptive: { enabled: true, minFactor: 0.5 },
    });
    assert.deepEqual(ZRateLimitPolicy.parse(toRateLimitInput(toRateLimitFormState(policy))), policy);
  });

  it("reads IP lists one per line or comma, and names the bad entry in its error", () => {
    const s = { ...EMPTY_RATE_LIMIT, name: "ips", limit: "5", ipAllowList: "10.0.0.0/8,\n 192.0.2.1 \n\n", ipBlockList: "2001:db8::/129" };
    assert.deepEqual(toRateLimitInput(s).ipAllowList, ["10.0.0.0/8", "192.0.2.1"]);
    const errors = validateRateLimitLocally(s);
    assert.deepEqual(Object.keys(errors), ["ipBlockList"]);
    assert.match(errors.ipBlockList!, /^"2001:db8::\/129": must be/);
  });

  it("maps nested error paths onto the form's fields, and asks for the required numbers", () => {
    assert.equal(rateLimitFieldOf("adaptive.minFactor"), "adaptiveMinFactor");
    assert.equal(rateLimitFieldOf("ipBlockList.3"), "ipBlockList");
    assert.equal(rateLimitFieldOf("usedBy"), "form");
    const errors = validateRateLimitLocally({ ...EMPTY_RATE_LIMIT, name: "x", limit: "", windowSeconds: "", adaptiveMinFactor: "2" });
    assert.deepEqual(Object.keys(errors).sort(), ["adaptiveMinFactor", "limit", "name", "windowSeconds"]);
    assert.equal(errors.limit, "how many requests per window");
  });
});

describe("auth policy form state", () => {
  it("round-trips a policy through the form, keys separated by a blank line", () => {
    const policy = ZAuthPolicy.parse({
      name: "tta",
      issuer: "https://auth.tta.dev",
      audiences: ["tta", "players"],
      algorithms: ["RS256", "ES256"],
      publicKeys: [PEM, JSON.stringify({ kty: "EC", crv: "P-256", x: "x", y: "y" })],
      clockSkewSeconds: 10,
      rolesClaim: "https://tta.dev/roles",
    });
    const state = toAuthFormState(policy);
    assert.equal(state.publicKeys.split("\n\n").length, 2);
    assert.deepEqual(ZAuthPolicy.parse(toAuthInput(state)), policy);
  });

  it("flags HS256 without a secret variable, and a private key, before sending", () => {
    assert.deepEqual(Object.keys(validateAuthLocally({ ...EMPTY_AUTH, name: "hmac", issuer: "iss", algorithms: ["HS256"] })), ["secretRef"]);
    const privateKey = PEM.replaceAll("PUBLIC", "PRIVATE");
    const errors = validateAuthLocally({ ...EMPTY_AUTH, name: "rsa", issuer: "iss", publicKeys: `${PEM}\n\n${privateKey}` });
    assert.deepEqual(Object.keys(errors), ["publicKeys"]);
    assert.match(errors.publicKeys!, /^entry 2: is a private key/);
    assert.deepEqual(validateAuthLocally({ ...EMPTY_AUTH, name: "jwks", issuer: "iss", jwksUrl: "https://auth.tta.dev/jwks" }), {});
  });
});
