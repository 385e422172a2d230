// The gateway configuration that the edge benchmarks share: a public route `/plain/*` and a route
// `/edge/*` with ES256 JWT verification and the Redis rate limiter (a limit that never refuses:
// the point is the decision's cost, not its answer), with the signing key and tokens for it.
import { generateKeyPairSync } from "node:crypto";
import { Redis } from "ioredis";
import { SignJWT } from "jose";
import { newId } from "@tta/domain";

export const ISSUER = "https://auth.bench.local";

export function edgeKeys() {
  const keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const token = (sub: string) =>
    new SignJWT({ roles: ["player"], permissions: ["sessions:read"] })
      .setProtectedHeader({ alg: "ES256", kid: "bench" })
      .setIssuer(ISSUER)
      .setAudience("tta-gateway")
      .setSubject(sub)
      .setExpirationTime("2h")
      .sign(keys.privateKey);
  return { publicKeyPem: keys.publicKey.export({ type: "spki", format: "pem" }).toString(), token };
}

/** The snapshot input (parse it with ZSnapshot) with the two routes. */
export function edgeSnapshot(upstreamUrl: string, publicKeyPem: string) {
  return {
    schemaVersion: 1,
    services: [{ name: "bench", healthCheck: { enabled: false }, instances: [{ url: upstreamUrl }] }],
    authPolicies: [{ name: "bench-auth", issuer: ISSUER, audiences: ["tta-gateway"], algorithms: ["ES256"], publicKeys: [publicKeyPem] }],
    rateLimitPolicies: [{ name: "bench-limit", scope: "user", limit: 1_000_000, windowSeconds: 1, burst: 0 }],
    routes: [
      { id: newId("route"), name: "plain", path: "/plain/*", rewrite: "/*", service: "bench", retryPolicy: { attempts: 1 } },
      { id: newId("route"), name: "edge", path: "/edge/*", rewrite: "/*", service: "bench", retryPolicy: { attempts: 1 }, auth: "authenticated", authPolicy: "bench-auth", rateLimitPolicy: "bench-limit" },
    ],
  };
}

/** Removes the keys the gateway's limiter wrote under the bench's own prefix. */
export async function dropRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
