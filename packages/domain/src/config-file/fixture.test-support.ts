// A snapshot that uses most of the schema (for the config-file tests): HS256 and ES256 auth
// policies, a cached and compressed route with headers and CORS, a WebSocket route, safety fields, safety rules,
// a service reached over TLS with a private CA and a client certificate.
import { ZSnapshot, type TSnapshot } from "../schemas.ts";

const PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexampleexampleexampleexample\n-----END PUBLIC KEY-----";

export const fixtureSnapshot = (): TSnapshot =>
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [
      { name: "players", instances: [{ url: "http://127.0.0.1:4102", weight: 2 }], circuitBreaker: { failureRateThreshold: 40 } },
      {
        name: "chat",
        therapeuticPriority: "therapeutic",
        instances: [{ url: "https://chat.internal:8443" }],
        tls: { caFile: "/etc/tta/tls/ca.pem", certFile: "env:CHAT_TLS_CERT_FILE", keyFile: "env:CHAT_TLS_KEY_FILE" },
      },
    ],
    rateLimitPolicies: [{ name: "default", limit: 100, windowSeconds: 60, ipAllowList: ["10.0.0.0/8"] }],
    authPolicies: [
      { name: "hmac", issuer: "https://auth.tta.dev", algorithms: ["HS256"], secretRef: "TTA_JWT_SECRET" },
      { name: "keys", issuer: "https://auth.tta.dev", algorithms: ["ES256"], publicKeys: [PUBLIC_KEY] },
    ],
    routes: [
      {
        id: "rt_a", name: "players-api", path: "/api/players/*", rewrite: "/players/*", service: "players", auth: "authenticated", authPolicy: "keys",
        rateLimitPolicy: "default", cachePolicy: { ttlSeconds: 30 }, compression: { algorithms: ["gzip"], minBytes: 256, contentTypes: ["application/json", "text/*"] }, headers: { "x-frame-options": null, "x-extra": "1" },
        cors: { origins: ["https://app.tta.dev"] },
      },
      {
        id: "rt_b", name: "chat-api", path: "/api/chat/*", service: "chat", websocket: true, websocketPolicy: { idleTimeoutSeconds: 60 },
        safetyScan: "enforce", maskResponsePii: true, forbidPii: true, blockedCategories: ["violent_threat"],
      },
    ],
    safetyRules: null,
  });
