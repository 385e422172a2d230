import { test } from "node:test";
import assert from "node:assert/strict";
import { pino } from "pino";
import { ZSnapshot } from "@tta/domain";
import { createJwksCache } from "../auth/jwks-cache.ts";
import { compileConfig } from "../config/compile.ts";
import { AdaptiveLimits } from "../limits/adaptive.ts";
import { GuardedLimiter } from "../limits/guarded-limiter.ts";
import { createLocalRateLimitStore } from "../stores/rate-limit/local.ts";
import { createPipeline, type PipelineServices } from "./order.ts";

const unused = () => {
  throw new Error("not called: this test only compiles chains");
};
const services = {
  tracing: { exporting: false, start: unused, close: unused },
  requestHeaders: { trustedProxies: null },
  rateLimit: { limiter: new GuardedLimiter({ store: createLocalRateLimitStore(), log: pino({ level: "silent" }) }), adaptive: new AdaptiveLimits(), trustedProxies: null },
  safety: { scanner: unused, events: { record: unused }, meters: { scanned: unused }, gatewayId: "gw" },
  upstream: { pools: {}, dispatch: unused },
  aggregate: { pools: {}, dispatch: unused, meters: { part: unused }, maxPartBytes: 1024 },
} as unknown as PipelineServices;

const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [
      { name: "players", instances: [{ url: "http://127.0.0.1:4102" }] },
      { name: "chat", instances: [{ url: "http://127.0.0.1:4103" }] },
    ],
    authPolicies: [{ name: "tta", issuer: "https://auth.tta.dev", algorithms: ["HS256"], secretRef: "TTA_JWT_SECRET" }],
    rateLimitPolicies: [
      { name: "default", limit: 100, windowSeconds: 60 },
      { name: "adaptive", limit: 100, windowSeconds: 60, adaptive: { enabled: true } },
    ],
    routes: [
      { id: "rt_1", name: "public", path: "/public/*", service: "players" },
      { id: "rt_2", name: "members", path: "/members/*", service: "players", auth: "authenticated", authPolicy: "tta", rateLimitPolicy: "default" },
      { id: "rt_3", name: "clinic", path: "/clinic/*", service: "players", auth: "restricted", authPolicy: "tta", requiredRoles: ["clinician"], cors: { origins: ["https://app.tta.dev"] } },
      { id: "rt_4", name: "chat", path: "/chat/*", service: "chat", safetyScan: "enforce", maskResponsePii: true, rateLimitPolicy: "adaptive" },
      { id: "rt_5", name: "chat-history", path: "/history/*", service: "chat" },
      {
        id: "rt_6", name: "overview", path: "/overview/:id", service: "players", kind: "aggregate", maskResponsePii: true,
        aggregate: { parts: [{ key: "player", service: "players", path: "/players/:id" }, { key: "chat", service: "chat", path: "/history/:id", required: false }] },
      },
      { id: "rt_7", name: "chat-compressed", path: "/compressed/*", service: "chat", safetyScan: "monitor", maskResponsePii: true, compression: {} },
      { id: "rt_8", name: "compression-off", path: "/off/*", service: "players", compression: { enabled: false } },
    ],
  }),
  { revision: 1, checksum: "c" },
  undefined,
  { secrets: new Map([["TTA_JWT_SECRET", "x".repeat(32)]]), jwks: createJwksCache(), defaultMaxBodyBytes: 1024 },
);

test("each route's chain holds only the stages its policies need, in the stage list's order", () => {
  const { chains, edge } = createPipeline(services);
  const names = (route: string) => chains.names(config.routes.find((r) => r.name === route)!, config);
  assert.deepEqual(names("public"), ["bodyLimits", "upstream"]);
  assert.deepEqual(names("members"), ["authenticate", "rateLimit", "bodyLimits", "upstream"]);
  assert.deepEqual(names("clinic"), ["cors", "authenticate", "authorize", "bodyLimits", "upstream"]);
  assert.deepEqual(names("chat"), ["rateLimit", "bodyLimits", "safetyScan", "maskResponse", "upstream"]);
  // No policy of its own, but its service feeds an adaptive limit: its latency and errors count.
  assert.deepEqual(names("chat-history"), ["rateLimit", "bodyLimits", "upstream"]);
  // An aggregation route answers from its parts: the same stages before, aggregate in place of upstream.
  assert.deepEqual(names("overview"), ["bodyLimits", "maskResponse", "aggregate"]);
  // Before masking, so it reads the client's Accept-Encoding before masking asks for identity.
  assert.deepEqual(names("chat-compressed"), ["rateLimit", "bodyLimits", "safetyScan", "compress", "maskResponse", "upstream"]);
  assert.deepEqual(names("compression-off"), ["bodyLimits", "upstream"], "a policy turned off costs nothing");
  assert.deepEqual(
    edge.map((s) => s.name),
    ["observe", "requestId", "traceContext", "securityHeaders", "requestFraming", "requestHeaders", "corsPreflight", "routeMatch"],
  );
});
