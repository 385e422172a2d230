// Turns an auth policy of the snapshot into what verifies tokens, once per config revision: the
// allowed algorithms, and one key source that can only produce the kind of key its algorithms use
// (an HMAC secret for HS256, public keys for RS256/ES256, never both). A key that does not parse
// refuses the revision; a secret missing from this gateway's environment makes the policy
// unusable here (its routes answer 503) without holding back the rest of the revision.
import { createPublicKey, type JsonWebKey } from "node:crypto";
import { checkPublicKey, type TAuthPolicy } from "@tta/domain";
import { createLocalJWKSet, errors, type JWK, type JWTVerifyGetKey } from "jose";
import { TokenCache } from "./token-cache.ts";
import type { JwksCache } from "./jwks-cache.ts";

export interface CompiledAuthPolicy {
  readonly name: string;
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly algorithms: readonly string[];
  readonly clockSkewSeconds: number;
  readonly rolesClaim: string;
  readonly permissionsClaim: string;
  /** null when the policy cannot verify anything on this gateway; `unusable` says why. */
  readonly key: Uint8Array | JWTVerifyGetKey | null;
  readonly unusable: string | null;
  /** Verified tokens of this revision's policy (see token-cache.ts). */
  readonly verified: TokenCache;
}

export interface AuthCompileDeps {
  /** HMAC secrets by environment variable name, read at start-up (env.ts). */
  secrets: ReadonlyMap<string, string>;
  jwks: JwksCache;
}

/** Thrown by a key source that could not be asked (JWKS down): a 503, not the client's fault. */
export class KeySourceUnavailable extends Error {
  override name = "KeySourceUnavailable";
}

const MIN_HMAC_BYTES = 32; // RFC 7518 §3.2: at least the hash's size

function publicJwk(text: string, policy: string): JWK {
  const problem = checkPublicKey(text);
  if (problem) throw new Error(`auth policy ${policy}: a public key ${problem}`);
  if (text.startsWith("-----BEGIN")) return createPublicKey(text).export({ format: "jwk" }) as JWK;
  const jwk = JSON.parse(text) as JWK;
  createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }); // throws on a key that does not parse
  return jwk;
}

const noMatch = (error: unknown) => error instanceof errors.JWKSNoMatchingKey;

function remoteGuarded(remote: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (noMatch(error) || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSENotSupported) throw error;
      throw new KeySourceUnavailable("the JWKS could not be fetched", { cause: error });
    }
  };
}

/**
 * The policy's own keys. A key pasted without a kid (every PEM) stands for the issuer whatever
 * kid its tokens carry; a key with a kid only for tokens naming it.
 */
function localKeys(texts: readonly string[], policy: string): JWTVerifyGetKey | null {
  if (texts.length === 0) return null;
  const keys = texts.map((k) => publicJwk(k, policy));
  const all = createLocalJWKSet({ keys });
  const unnamed = keys.filter((k) => !k.kid);
  const anyKid = unnamed.length ? createLocalJWKSet({ keys: unnamed }) : null;
  if (!anyKid) return all;
  return async (header, token) => {
    try {
      return await all(header, token);
    } catch (error) {
      if (!noMatch(error) || !header.kid) throw error;
      return anyKid({ ...header, kid: undefined }, token);
    }
  };
}

function asymmetricKey(policy: TAuthPolicy, deps: AuthCompileDeps): JWTVerifyGetKey {
  const local = localKeys(policy.publicKeys, policy.name);
  const remote = policy.jwksUrl ? remoteGuarded(deps.jwks.get(policy.jwksUrl)) : null;
  if (local && !remote) return local;
  if (remote && !local) return remote;
  return async (header, token) => {
    try {
      return await local!(header, token);
    } catch (error) {
      if (!noMatch(error)) throw error;
      return remote!(header, token);
    }
  };
}

export function compileAuthPolicy(policy: TAuthPolicy, deps: AuthCompileDeps): CompiledAuthPolicy {
  const hmac = policy.algorithms.includes("HS256");
  let key: CompiledAuthPolicy["key"] = null;
  let unusable: string | null = null;
  if (hmac) {
    const secret = policy.secretRef ? deps.secrets.get(policy.secretRef) : undefined;
    if (!secret) unusable = `the HMAC secret ${policy.secretRef} is not in this gateway's environment (names must contain JWT)`;
    else if (Buffer.byteLength(secret) < MIN_HMAC_BYTES) unusable = `the HMAC secret ${policy.secretRef} is shorter than ${MIN_HMAC_BYTES} bytes`;
    else key = new TextEncoder().encode(secret);
  } else {
    key = asymmetricKey(policy, deps);
  }
  return Object.freeze({
    name: policy.name,
    issuer: policy.issuer,
    audiences: Object.freeze([...policy.audiences]),
    algorithms: Object.freeze([...policy.algorithms]),
    clockSkewSeconds: policy.clockSkewSeconds,
    rolesClaim: policy.rolesClaim,
    permissionsClaim: policy.permissionsClaim,
    key,
    unusable,
    verified: new TokenCache(),
  });
}
