// For tests: real keys, real signed tokens, and a loopback JWKS server that counts its fetches.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, type JWK, type JWTPayload } from "jose";

export const TEST_ISSUER = "https://auth.test.tta";
export const TEST_AUDIENCE = "tta-api";
export const TEST_HMAC_SECRET = "test-hmac-secret-that-is-long-enough-0123456789";

export interface TestKey {
  alg: "RS256" | "ES256";
  kid: string;
  privateKey: KeyObject;
  publicPem: string;
  publicJwk: JWK;
}

export function testKey(alg: "RS256" | "ES256", kid: string): TestKey {
  const pair = alg === "RS256" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    alg,
    kid,
    privateKey: pair.privateKey,
    publicPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
    publicJwk: { ...(pair.publicKey.export({ format: "jwk" }) as JWK), kid, alg, use: "sig" },
  };
}

export interface SignOptions {
  alg?: string;
  kid?: string | null;
  issuer?: string;
  audience?: string | string[] | null;
  subject?: string | null;
  /** Seconds from now; negative = already expired. */
  expiresIn?: number | null;
  notBeforeIn?: number;
  claims?: JWTPayload;
}

/** Signs with a test key pair, or with an HMAC secret when `key` is a string. */
export async function sign(key: TestKey | string, options: SignOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const alg = options.alg ?? (typeof key === "string" ? "HS256" : key.alg);
  const kid = options.kid === undefined ? (typeof key === "string" ? undefined : key.kid) : (options.kid ?? undefined);
  const jwt = new SignJWT({ roles: ["player"], permissions: ["sessions:read"], ...options.claims })
    .setProtectedHeader(kid ? { alg, kid, typ: "JWT" } : { alg, typ: "JWT" })
    .setIssuer(options.issuer ?? TEST_ISSUER)
    .setIssuedAt(now);
  if (options.subject !== null) jwt.setSubject(options.subject ?? "usr_alice");
  if (options.audience !== null) jwt.setAudience(options.audience ?? TEST_AUDIENCE);
  if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 300));
  if (options.notBeforeIn !== undefined) jwt.setNotBefore(now + options.notBeforeIn);
  return jwt.sign(typeof key === "string" ? new TextEncoder().encode(key) : key.privateKey);
}

/** An unsecured token ({"alg":"none"}), as an attacker would send it. */
export function unsecuredToken(payload: JWTPayload): string {
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`;
}

export interface JwksServer {
  url: string;
  keys: JWK[];
  fetches(): number;
  close(): Promise<void>;
}

/** Serves `{ keys }` (the array can be changed while it runs) and counts the fetches. */
export async function startJwksServer(keys: JWK[]): Promise<JwksServer> {
  let fetches = 0;
  const server = http.createServer((req, res) => {
    fetches++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    keys,
    fetches: () => fetches,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
