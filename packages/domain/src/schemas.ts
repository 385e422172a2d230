// zod schemas for every config entity: Z<Name> is the schema, T<Name> its type. The console uses
// them for tRPC input/output and form errors; the gateway uses ZSnapshot to refuse a bad revision.
import { z } from "zod";
import { isIpOrCidr } from "./ip.ts";
import { checkRewrite, parsePattern } from "./path-pattern.ts";
import { refineAggregateRoute, routeAggregateFields } from "./route-aggregate.ts";
import { routeCompressionFields } from "./route-compression.ts";
import { routeEdgeFields } from "./route-edge.ts";
import { routeSafetyFields } from "./route-safety.ts";
import { ZUpstreamTls } from "./upstream-tls.ts";

export * from "./route-compression.ts";
export * from "./route-safety.ts";
export * from "./route-aggregate.ts";
export * from "./upstream-tls.ts";

export const ROLES = ["admin", "operator", "clinician"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export const ZHttpMethod = z.enum(HTTP_METHODS);

const ZName = z
  .string()
  .trim()
  .min(2, "must be at least 2 characters")
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, "lower-case letters, digits and dashes; starts with a letter");

const ZHost = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?(:\d{1,5})?$/, "must be a host name such as api.tta.dev");

export const ZPathPattern = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const parsed = parsePattern(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
  });

// zod runs every refinement even when .url() failed: the later checks skip what is not a URL at all
// (one error, and no TypeError from new URL).
const urlOrNull = (u: string) => (URL.canParse(u) ? new URL(u) : null);

export const ZUpstreamUrl = z
  .string()
  .trim()
  .url("must be a URL such as http://127.0.0.1:4001")
  .refine((u) => !urlOrNull(u) || /^https?:\/\//.test(u), "must be an http:// or https:// URL")
  .refine((u) => !urlOrNull(u)?.username && !urlOrNull(u)?.password, "must not carry credentials");

export const ZEnvironment = z.enum(["dev", "prototype", "prod"]);
export const ZTherapeuticPriority = z.enum(["standard", "therapeutic", "crisis"]);
export const ZLoadBalancing = z.enum(["round_robin", "weighted_round_robin", "least_connections", "health_based", "therapeutic_priority"]);
export const ZAuthRequirement = z.enum(["public", "authenticated", "restricted"]);
export const ZSafetyScanMode = z.enum(["off", "monitor", "enforce"]);
export type TTherapeuticPriority = z.infer<typeof ZTherapeuticPriority>;
export type TLoadBalancing = z.infer<typeof ZLoadBalancing>;

export const ZInstance = z.object({
  url: ZUpstreamUrl,
  weight: z.number().int().min(1).max(100).default(1),
});
export type TInstance = z.infer<typeof ZInstance>;

/** Active health checks of each instance (GET healthCheckPath). */
export const ZHealthCheck = z.object({
  enabled: z.boolean().default(true),
  intervalMs: z.number().int().min(100).max(300_000).default(2_000),
  timeoutMs: z.number().int().min(50).max(60_000).default(1_000),
  /** Consecutive passed checks that bring an instance that was down back into rotation. */
  healthyThreshold: z.number().int().min(1).max(20).default(2),
  /** Consecutive failed checks that take an instance out of rotation. */
  unhealthyThreshold: z.number().int().min(1).max(20).default(2),
});
export type THealthCheck = z.infer<typeof ZHealthCheck>;

/**
 * Circuit breaker of each instance, over a sliding window of `windowMs` (ten buckets). It opens
 * when at least `minimumCalls` calls were made and `failureRateThreshold` % of them failed (5xx
 * answers, connection failures, timeouts), or when connection failures and timeouts alone reach
 * `connectionFailureThreshold`. 5xx answers alone never open it when that would leave fewer than
 * `panicThreshold` % of the service's in-rotation instances taking traffic. Unset fields follow the
 * service's priority: standard 50 % of 20 calls, 5 connection failures, open 30 s; therapeutic and
 * crisis 50 % of 10 calls, 3 connection failures, open 15 s; every priority a 10 s window.
 */
export const ZCircuitBreaker = z.object({
  /** % of the window's calls that must fail to open the breaker (with at least minimumCalls). */
  failureRateThreshold: z.number().int().min(1).max(100).optional(),
  minimumCalls: z.number().int().min(1).max(10_000).optional(),
  /** Connection failures and timeouts within the window that open the breaker on their own. */
  connectionFailureThreshold: z.number().int().min(1).max(1_000).optional(),
  /** @deprecated before issue 8 "failures within windowMs"; read as connectionFailureThreshold. */
  failureThreshold: z.number().int().min(1).max(1_000).optional(),
  windowMs: z.number().int().min(100).max(3_600_000).optional(),
  /** How long the breaker stays open before it lets probes through (the reset timeout). */
  openMs: z.number().int().min(100).max(3_600_000).optional(),
  /** Probe requests let through at once while half-open; that many successes close the breaker. */
  halfOpenProbes: z.number().int().min(1).max(100).default(2),
  /** Envoy's panic threshold (50 unset): 5xx answers never leave fewer than this % of in-rotation instances taking traffic; 0 = off. */
  panicThreshold: z.number().int().min(0).max(100).optional(),
});
export type TCircuitBreaker = z.infer<typeof ZCircuitBreaker>;

export const ZService = z.object({
  name: ZName,
  environment: ZEnvironment.default("dev"),
  version: z.string().trim().min(1).max(32).default("1.0.0"),
  therapeuticPriority: ZTherapeuticPriority.default("standard"),
  healthCheckPath: z.string().trim().startsWith("/", "must start with /").max(256).default("/health"),
  dependencies: z.array(ZName).max(32).default([]),
  loadBalancing: ZLoadBalancing.default("round_robin"),
  healthCheck: ZHealthCheck.prefault({}),
  circuitBreaker: ZCircuitBreaker.prefault({}),
  /** TLS to the https:// instances (CA, client certificate, server name); unset = public roots, no client certificate. */
  tls: ZUpstreamTls.optional(),
  instances: z.array(ZInstance).min(1, "a service needs at least one instance").max(64),
});
export type TService = z.infer<typeof ZService>;

/**
 * How a route's upstream attempts are made. `attempts` unset = by the request's priority (3
 * standard, 5 therapeutic, 10 crisis). All attempts share one deadline: the route's timeoutMs.
 */
export const ZRetryPolicy = z.object({
  attempts: z.number().int().min(1).max(10).optional(),
  retryNonIdempotent: z.boolean().default(false),
  /** Full-jitter exponential backoff: attempt n waits random(0, min(backoffMaxMs, backoffBaseMs * 2^(n-2))). */
  backoffBaseMs: z.number().int().min(0).max(10_000).default(50),
  backoffMaxMs: z.number().int().min(0).max(60_000).default(1_000),
  /** Time to open a TCP connection to one instance. */
  connectTimeoutMs: z.number().int().min(10).max(60_000).default(2_000),
  /** Time one attempt may wait for the instance's response headers; unset = the rest of the deadline. */
  attemptTimeoutMs: z.number().int().min(10).max(300_000).optional(),
  /** Crisis requests may pass an open circuit breaker on this route. */
  crisisBypass: z.boolean().default(true),
});
export type TRetryPolicy = z.infer<typeof ZRetryPolicy>;

/** Request and response header names a cache key may include. */
const ZKeyHeader = z.string().trim().toLowerCase().regex(/^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/, "a header name (letters, digits and -)").refine((h) => !["authorization", "cookie"].includes(h), "identity goes in the cache key through the partition, not through this header");

/**
 * A route's shared HTTP cache (RFC 9111, stages/cache): what the upstream says is honoured; these
 * settings bound it and add what the RFC leaves to the cache.
 */
export const ZCachePolicy = z
  .object({
    enabled: z.boolean().default(true),
    /** Freshness of a storable answer that gives none itself (no max-age, s-maxage or Expires); 0 = none (the RFC's heuristic may apply). */
    ttlSeconds: z.number().int("whole seconds").min(0, "0 or more").max(31_536_000, "at most 31 536 000 s (a year)").default(0),
    /** No answer is fresh for longer, whatever the upstream says. */
    maxTtlSeconds: z.number().int("whole seconds").min(1, "at least 1 s").max(31_536_000, "at most 31 536 000 s (a year)").default(86_400),
    /** Statuses that may be stored (among those RFC 9111 allows: 302 and 307 only with explicit freshness). */
    statuses: z.array(z.number().int().min(200, "a status from 200 to 599").max(599, "a status from 200 to 599")).min(1, "choose at least one status").max(20, "at most 20 statuses").default([200, 203, 204, 300, 301, 302, 307, 308, 404, 405, 410, 414, 501]),
    /** Query parameters in the cache key: null = the whole query as sent; a list = only those, in name order (others ignored). */
    keyQuery: z.array(z.string().trim().min(1).max(64, "a parameter name of at most 64 characters")).max(32, "at most 32 parameters").nullable().default(null),
    /** Request headers added to the cache key (besides those the upstream's Vary names). */
    keyHeaders: z.array(ZKeyHeader).max(8, "at most 8 headers").default([]),
    /** Per user: every user has answers of their own; shared: one answer for all. auto: per user on routes with authentication. */
    partition: z.enum(["auto", "user", "shared"]).default("auto"),
    /** Answers with longer bodies stream through uncached, never buffered whole. */
    maxObjectBytes: z.number().int("whole bytes").min(1, "at least 1 byte").max(64 * 1024 * 1024, "at most 67 108 864 bytes (64 MiB)").default(1024 * 1024),
    /** Requests for a missing answer wait for the one fetch already under way, up to this long. */
    coalesceWaitMs: z.number().int("whole milliseconds").min(0, "0 or more").max(60_000, "at most 60 000 ms").default(5_000),
    /** Stale answers served when the upstream fails, if the upstream allowed none (stale-if-error); 0 = only what it allows. */
    staleIfErrorSeconds: z.number().int("whole seconds").min(0, "0 or more").max(86_400, "at most 86 400 s (a day)").default(0),
  })
  .superRefine((p, ctx) => {
    if (p.ttlSeconds > p.maxTtlSeconds) ctx.addIssue({ code: "custom", path: ["ttlSeconds"], message: "the default TTL is above the maximum TTL" });
  });
export type TCachePolicy = z.infer<typeof ZCachePolicy>;
export type TCachePolicyInput = z.input<typeof ZCachePolicy>;

const ZIpOrCidr = z
  .string()
  .trim()
  .refine(isIpOrCidr, "must be an IPv4 or IPv6 address, or a CIDR range such as 10.0.0.0/8");

/** Adaptive limiting: the limit shrinks (down to minFactor × limit) while upstream latency or errors climb. */
export const ZAdaptiveRateLimit = z.object({
  enabled: z.boolean().default(false),
  latencyMsThreshold: z.number().int().min(1).max(300_000).default(1000),
  errorRateThreshold: z.number().gt(0).max(1).default(0.2),
  minFactor: z.number().min(0.01).max(1).default(0.25),
});
export type TAdaptiveRateLimit = z.infer<typeof ZAdaptiveRateLimit>;

export const ZRateLimitPolicy = z
  .object({
    name: ZName,
    scope: z.enum(["user", "ip", "endpoint"]).default("user"),
    limit: z.number().int().min(1).max(1_000_000),
    windowSeconds: z.number().int().min(1).max(86_400),
    burst: z.number().int().min(0).max(1_000_000).default(0),
    therapeuticMultiplier: z.number().min(1).max(10).default(1.5),
    crisisBypass: z.boolean().default(true),
    /**
     * The ceiling of crisis bypass: crises a subject (the user; the client IP when anonymous) may
     * pass over its limit per crisisWindowSeconds. Past it a crisis is limited like any request,
     * and still recorded.
     */
    crisisAllowance: z.number().int().min(1).max(10_000).default(5),
    crisisWindowSeconds: z.number().int().min(1).max(86_400).default(600),
    failMode: z.enum(["open", "closed"]).default("open"),
    /** Never limited. */
    ipAllowList: z.array(ZIpOrCidr).max(256).default([]),
    /** Always refused. */
    ipBlockList: z.array(ZIpOrCidr).max(256).default([]),
    adaptive: ZAdaptiveRateLimit.prefault({}),
  })
  .superRefine((policy, ctx) => {
    const allowed = new Set(policy.ipAllowList);
    policy.ipBlockList.forEach((entry, i) => {
      if (allowed.has(entry)) ctx.addIssue({ code: "custom", path: ["ipBlockList", i], message: `${entry} is also on the allow list` });
    });
  });
export type TRateLimitPolicy = z.infer<typeof ZRateLimitPolicy>;
export type TRateLimitPolicyInput = z.input<typeof ZRateLimitPolicy>;

export const JWT_ALGORITHMS = ["HS256", "RS256", "ES256"] as const;
export const ZJwtAlgorithm = z.enum(JWT_ALGORITHMS);
export type TJwtAlgorithm = z.infer<typeof ZJwtAlgorithm>;

const PEM = /^-----BEGIN ([A-Z0-9 ]+)-----\r?\n[A-Za-z0-9+/=\r\n]+-----END \1-----\s*$/;

/** Why a public key entry is not acceptable, or null. Private and symmetric keys are refused. */
export function checkPublicKey(text: string): string | null {
  const pem = PEM.exec(text);
  if (pem) {
    if (pem[1]!.includes("PRIVATE")) return "is a private key: paste the public key only";
    return pem[1] === "PUBLIC KEY" || pem[1] === "CERTIFICATE" ? null : `a "${pem[1]}" block is not a public key or certificate`;
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    return "must be a PEM public key (-----BEGIN PUBLIC KEY-----) or a JWK as JSON";
  }
  if (!jwk || typeof jwk !== "object" || Array.isArray(jwk)) return "a JWK must be a JSON object";
  const key = jwk as Record<string, unknown>;
  if (key.kty === "oct") return "is a symmetric (HMAC) key: name it through the secret's environment variable instead";
  if (key.kty !== "RSA" && key.kty !== "EC") return 'a JWK needs "kty": "RSA" or "EC"';
  if ("d" in key || "p" in key) return "is a private key: paste the public key only";
  return null;
}

const ZHttpUrl = z
  .string()
  .trim()
  .url("must be a URL such as https://auth.tta.dev/.well-known/jwks.json")
  .refine((u) => !urlOrNull(u) || /^https?:\/\//.test(u), "must be an http:// or https:// URL")
  .refine((u) => !new URL(u).username && !new URL(u).password, "must not carry credentials");

const ZClaimName = z.string().trim().min(1, "name the claim").max(128);

/** How a route's tokens are verified. HMAC secrets are never stored: secretRef names the gateway's environment variable. */
export const ZAuthPolicy = z
  .object({
    name: ZName,
    issuer: z.string().trim().min(1, "name the token issuer (iss)").max(512),
    audiences: z.array(z.string().trim().min(1).max(512)).max(16).default([]),
    algorithms: z.array(ZJwtAlgorithm).min(1, "allow at least one algorithm").max(JWT_ALGORITHMS.length),
    jwksUrl: ZHttpUrl.nullable().default(null),
    publicKeys: z
      .array(z.string().trim().min(1).max(16_384).superRefine((key, ctx) => {
        const problem = checkPublicKey(key);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }))
      .max(16)
      .default([]),
    secretRef: z
      .string()
      .trim()
      .max(128)
      .regex(/^[A-Z][A-Z0-9_]*$/, "an environment variable name such as TTA_JWT_SECRET")
      .nullable()
      .default(null),
    clockSkewSeconds: z.number().int().min(0).max(300).default(30),
    rolesClaim: ZClaimName.default("roles"),
    permissionsClaim: ZClaimName.default("permissions"),
  })
  .superRefine((policy, ctx) => {
    const algs = new Set(policy.algorithms);
    if (algs.size !== policy.algorithms.length) ctx.addIssue({ code: "custom", path: ["algorithms"], message: "lists an algorithm twice" });
    const hmac = algs.has("HS256");
    const asymmetric = algs.has("RS256") || algs.has("ES256");
    if (hmac && asymmetric)
      ctx.addIssue({ code: "custom", path: ["algorithms"], message: "HS256 cannot be mixed with RS256/ES256 in one policy (key confusion)" });
    if (hmac && !policy.secretRef) ctx.addIssue({ code: "custom", path: ["secretRef"], message: "HS256 needs the environment variable that holds the secret" });
    if (!hmac && policy.secretRef) ctx.addIssue({ code: "custom", path: ["secretRef"], message: "only HS256 uses a secret; clear this field" });
    if (asymmetric && !policy.jwksUrl && policy.publicKeys.length === 0)
      ctx.addIssue({ code: "custom", path: ["jwksUrl"], message: "RS256/ES256 need a JWKS URL or at least one public key" });
  });
export type TAuthPolicy = z.infer<typeof ZAuthPolicy>;
export type TAuthPolicyInput = z.input<typeof ZAuthPolicy>;

/**
 * A WebSocket route's own session limits; a route without one (null) uses the gateway's WS_*
 * settings. A field left out takes the default below (the gateway's built-in defaults).
 */
export const ZWebsocketPolicy = z.object({
  /** A connection with no message either way for this long is closed (1001). */
  idleTimeoutSeconds: z.number().int().min(10, "at least 10 s").max(86_400, "at most 86 400 s (a day)").default(600),
  /** A larger client message closes the connection (1009). */
  maxMessageBytes: z.number().int().min(1_024, "at least 1 024 bytes").max(16_777_216, "at most 16 777 216 bytes (16 MiB)").default(65_536),
  /** Client messages per second, with bursts up to messageBurst; beyond them the client is closed (1008). */
  messagesPerSecond: z.number().int().min(1, "at least 1").max(10_000, "at most 10 000").default(10),
  messageBurst: z.number().int().min(1, "at least 1").max(100_000, "at most 100 000").default(30),
});
export type TWebsocketPolicy = z.infer<typeof ZWebsocketPolicy>;
export type TWebsocketPolicyInput = z.input<typeof ZWebsocketPolicy>;

const routeFields = {
  name: ZName,
  methods: z.array(ZHttpMethod).max(HTTP_METHODS.length).default([]),
  host: ZHost.nullable().default(null),
  path: ZPathPattern,
  rewrite: z.string().trim().nullable().default(null),
  service: ZName,
  timeoutMs: z.number().int().min(100, "at least 100 ms").max(300_000, "at most 300 000 ms").default(30_000),
  retryPolicy: ZRetryPolicy.prefault({}),
  auth: ZAuthRequirement.default("public"),
  requiredRoles: z.array(z.string().trim().min(1).max(64)).max(16).default([]),
  requiredPermissions: z.array(z.string().trim().min(1).max(64)).max(32).default([]),
  /** Verifies the tokens of a route whose auth is not "public". */
  authPolicy: ZName.nullable().default(null),
  rateLimitPolicy: ZName.nullable().default(null),
  cachePolicy: ZCachePolicy.nullable().default(null),
  safetyScan: ZSafetyScanMode.default("off"),
  websocket: z.boolean().default(false),
  /** Only on a websocket route; null = the gateway's WS_* settings. */
  websocketPolicy: ZWebsocketPolicy.nullable().default(null),
  priority: z.number().int().min(-1000).max(1000).default(0),
  enabled: z.boolean().default(true),
  ...routeEdgeFields,
  ...routeSafetyFields,
  ...routeAggregateFields,
  ...routeCompressionFields,
};

type RefinedRoute = { path: string; rewrite: string | null; auth: string; authPolicy: string | null; websocket: boolean; websocketPolicy: TWebsocketPolicy | null } & Parameters<typeof refineAggregateRoute>[0];

function refineRoute(route: RefinedRoute, ctx: z.RefinementCtx) {
  refineAggregateRoute(route, ctx);
  if (route.auth !== "public" && !route.authPolicy)
    ctx.addIssue({ code: "custom", path: ["authPolicy"], message: `a route with "${route.auth}" authentication needs an auth policy` });
  if (route.websocketPolicy && !route.websocket)
    ctx.addIssue({ code: "custom", path: ["websocketPolicy"], message: "only a WebSocket route has a WebSocket policy: turn on WebSocket upgrades or clear it" });
  if (!route.rewrite) return;
  const parsed = parsePattern(route.path);
  if (!parsed.ok) return; // the path's own error is already reported
  const problem = checkRewrite(parsed.pattern, route.rewrite);
  if (problem) ctx.addIssue({ code: "custom", path: ["rewrite"], message: problem });
}

/** A route as an admin edits it: it names its service and policies. */
export const ZRoute = z.object(routeFields).superRefine(refineRoute);
export type TRoute = z.infer<typeof ZRoute>;
export type TRouteInput = z.input<typeof ZRoute>;

/** The published snapshot: everything a gateway needs, self-contained and cross-checked. */
export const ZSnapshot = z
  .object({
    schemaVersion: z.literal(1),
    services: z.array(ZService),
    rateLimitPolicies: z.array(ZRateLimitPolicy).default([]),
    authPolicies: z.array(ZAuthPolicy).default([]),
    routes: z.array(z.object({ id: z.string().min(1), ...routeFields }).superRefine(refineRoute)),
    /**
     * The published safety rule set (@tta/safety's TSafetyRules as JSON); null = the built-in
     * DEFAULT_SAFETY_RULES. Checked with @tta/safety's validateSafetyRules where it is published
     * and where a gateway takes the revision (this package cannot depend on @tta/safety).
     */
    safetyRules: z.unknown().nullable().default(null),
  })
  .superRefine((snap, ctx) => {
    const unique = (names: string[], path: string, what: string) => {
      const seen = new Set<string>();
      names.forEach((name, i) => {
        if (seen.has(name)) ctx.addIssue({ code: "custom", path: [path, i, "name"], message: `duplicate ${what} name "${name}"` });
        seen.add(name);
      });
    };
    unique(snap.services.map((s) => s.name), "services", "service");
    unique(snap.routes.map((r) => r.name), "routes", "route");
    unique(snap.rateLimitPolicies.map((p) => p.name), "rateLimitPolicies", "policy");
    unique(snap.authPolicies.map((p) => p.name), "authPolicies", "auth policy");
    const services = new Set(snap.services.map((s) => s.name));
    const policies = new Set(snap.rateLimitPolicies.map((p) => p.name));
    const authPolicies = new Set(snap.authPolicies.map((p) => p.name));
    snap.routes.forEach((r, i) => {
      if (!services.has(r.service)) ctx.addIssue({ code: "custom", path: ["routes", i, "service"], message: `unknown service "${r.service}"` });
      if (r.rateLimitPolicy && !policies.has(r.rateLimitPolicy))
        ctx.addIssue({ code: "custom", path: ["routes", i, "rateLimitPolicy"], message: `unknown rate-limit policy "${r.rateLimitPolicy}"` });
      if (r.authPolicy && !authPolicies.has(r.authPolicy))
        ctx.addIssue({ code: "custom", path: ["routes", i, "authPolicy"], message: `unknown auth policy "${r.authPolicy}"` });
      r.aggregate?.parts.forEach((part, j) => {
        if (!services.has(part.service)) ctx.addIssue({ code: "custom", path: ["routes", i, "aggregate", "parts", j, "service"], message: `unknown service "${part.service}"` });
      });
    });
  });
export type TSnapshot = z.infer<typeof ZSnapshot>;
export type TSnapshotRoute = TSnapshot["routes"][number];
