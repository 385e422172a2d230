// Verifies one token against one compiled auth policy: signature with the policy's key source and
// algorithm allow-list (never "none": jose refuses unsecured tokens in jwtVerify), iss, aud, exp
// and nbf with the policy's clock skew; exp and sub are required. The reason of a refusal is for
// the log at debug level, never for the client.
import { errors, jwtVerify, type CryptoKey, type JWTPayload, type JWTVerifyOptions, type JWTVerifyResult } from "jose";
import { authContextFrom, type AuthContext } from "./auth-context.ts";
import { KeySourceUnavailable, type CompiledAuthPolicy } from "./compile-auth-policy.ts";

export type Verification =
  | { kind: "ok"; auth: AuthContext }
  | { kind: "invalid"; reason: string }
  | { kind: "unavailable"; reason: string; cause?: unknown };

function options(policy: CompiledAuthPolicy): JWTVerifyOptions {
  return {
    algorithms: [...policy.algorithms],
    issuer: policy.issuer,
    audience: policy.audiences.length ? [...policy.audiences] : undefined,
    clockTolerance: policy.clockSkewSeconds,
    requiredClaims: ["exp", "sub"],
  };
}

async function verifyWithKeys(token: string, policy: CompiledAuthPolicy): Promise<JWTVerifyResult> {
  try {
    return await jwtVerify(token, policy.key as Parameters<typeof jwtVerify>[1], options(policy));
  } catch (error) {
    // Several keys without a kid to tell them apart: try each (jose leaves this to the caller).
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const key of error as unknown as AsyncIterable<CryptoKey>) {
      try {
        return await jwtVerify(token, key, options(policy));
      } catch {
        // the next candidate
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

const reasonOf = (error: unknown) => (error instanceof errors.JOSEError ? error.code : error instanceof Error ? error.name : "unknown");

export async function verifyToken(token: string, policy: CompiledAuthPolicy, now = Date.now()): Promise<Verification> {
  const cached = policy.verified.get(token, now);
  if (cached) return { kind: "ok", auth: cached };
  if (!policy.key) return { kind: "unavailable", reason: policy.unusable ?? "no key" };
  let payload: JWTPayload;
  try {
    payload = (await verifyWithKeys(token, policy)).payload;
  } catch (error) {
    if (error instanceof KeySourceUnavailable) return { kind: "unavailable", reason: error.message, cause: error.cause };
    return { kind: "invalid", reason: reasonOf(error) };
  }
  const auth = authContextFrom(payload, policy);
  if (!auth) return { kind: "invalid", reason: "unusable sub" };
  const skewMs = policy.clockSkewSeconds * 1000;
  const notBefore = typeof payload.nbf === "number" ? payload.nbf * 1000 - skewMs : 0;
  policy.verified.set(token, auth, auth.expiresAt + skewMs, notBefore, now);
  return { kind: "ok", auth };
}
