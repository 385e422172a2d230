// Compiles the edge policies of a snapshot once per revision: each auth policy's key source, each
// rate-limit policy's IP sets and header values, each route's header plan, CORS and body limits.
// Routes share the compiled policy objects they name.
import type { TRateLimitPolicy, TSnapshot, TSnapshotRoute } from "@tta/domain";
import { compileAuthPolicy, type AuthCompileDeps, type CompiledAuthPolicy } from "../auth/compile-auth-policy.ts";
import { createJwksCache } from "../auth/jwks-cache.ts";
import { DEFAULTS } from "../env.ts";
import { ipSet, type IpSet } from "../net/ip-set.ts";
import { headerPlan, type HeaderPlan } from "../http/header-plan.ts";

export interface EdgeDeps extends AuthCompileDeps {
  /** GATEWAY_MAX_BODY_BYTES: the body limit of routes that set none. */
  defaultMaxBodyBytes: number;
}

export interface CompiledRateLimit {
  readonly name: string;
  readonly scope: "user" | "ip" | "endpoint";
  readonly limit: number;
  readonly windowMs: number;
  readonly burst: number;
  readonly therapeuticMultiplier: number;
  readonly crisisBypass: boolean;
  /** The ceiling of the bypass: crises one subject may pass over its limit per window. */
  readonly crisis: { readonly limit: number; readonly windowMs: number };
  readonly failMode: "open" | "closed";
  readonly allow: IpSet;
  readonly block: IpSet;
  readonly adaptive: { readonly latencyMs: number; readonly errorRate: number; readonly minFactor: number } | null;
}

export interface CompiledCors {
  /** null = any origin ("*"). */
  readonly origins: ReadonlySet<string> | null;
  /** null = the route's methods. */
  readonly methods: readonly string[] | null;
  readonly headers: readonly string[];
  readonly credentials: boolean;
  readonly maxAge: number;
}

export interface RouteEdge {
  readonly auth: {
    readonly requirement: "public" | "authenticated" | "restricted";
    readonly policy: CompiledAuthPolicy | null;
    /** restricted: the user needs at least one of these roles (none listed = no role needed). */
    readonly anyRole: readonly string[];
    /** restricted: the user needs every one of these permissions. */
    readonly allPermissions: readonly string[];
  };
  readonly rateLimit: CompiledRateLimit | null;
  readonly headers: HeaderPlan;
  readonly cors: CompiledCors | null;
  /** The route's maxBodyBytes, else the gateway's default (GATEWAY_MAX_BODY_BYTES). */
  readonly maxBodyBytes: number;
  readonly jsonBody: boolean;
}

export function defaultEdgeDeps(): EdgeDeps {
  return { secrets: new Map(), jwks: createJwksCache(), defaultMaxBodyBytes: DEFAULTS.GATEWAY_MAX_BODY_BYTES };
}

function compileRateLimit(p: TRateLimitPolicy): CompiledRateLimit {
  return Object.freeze({
    name: p.name,
    scope: p.scope,
    limit: p.limit,
    windowMs: p.windowSeconds * 1000,
    burst: p.burst,
    therapeuticMultiplier: p.therapeuticMultiplier,
    crisisBypass: p.crisisBypass,
    crisis: Object.freeze({ limit: p.crisisAllowance, windowMs: p.crisisWindowSeconds * 1000 }),
    failMode: p.failMode,
    allow: ipSet(p.ipAllowList),
    block: ipSet(p.ipBlockList),
    adaptive: p.adaptive.enabled
      ? Object.freeze({ latencyMs: p.adaptive.latencyMsThreshold, errorRate: p.adaptive.errorRateThreshold, minFactor: p.adaptive.minFactor })
      : null,
  });
}

function compileCors(cors: NonNullable<TSnapshotRoute["cors"]>): CompiledCors {
  return Object.freeze({
    origins: cors.origins.includes("*") ? null : new Set(cors.origins),
    methods: cors.methods.length ? Object.freeze([...cors.methods]) : null,
    headers: Object.freeze(cors.headers.map((h) => h.toLowerCase())),
    credentials: cors.credentials,
    maxAge: cors.maxAge,
  });
}

/** Returns the edge of each route; throws (refusing the revision) on a key or range that does not parse. */
export function compileEdge(snapshot: TSnapshot, deps: EdgeDeps): (route: TSnapshotRoute) => RouteEdge {
  const auth = new Map(snapshot.authPolicies.map((p) => [p.name, compileAuthPolicy(p, deps)]));
  const limits = new Map(snapshot.rateLimitPolicies.map((p) => [p.name, compileRateLimit(p)]));
  return (r) =>
    Object.freeze({
      auth: Object.freeze({
        requirement: r.auth,
        policy: r.authPolicy ? auth.get(r.authPolicy)! : null,
        anyRole: Object.freeze(r.auth === "restricted" ? [...r.requiredRoles] : []),
        allPermissions: Object.freeze(r.auth === "restricted" ? [...r.requiredPermissions] : []),
      }),
      rateLimit: r.rateLimitPolicy ? limits.get(r.rateLimitPolicy)! : null,
      headers: headerPlan(r.headers),
      cors: r.cors ? compileCors(r.cors) : null,
      maxBodyBytes: r.maxBodyBytes ?? deps.defaultMaxBodyBytes,
      jsonBody: r.bodyValidation === "json",
    });
}
