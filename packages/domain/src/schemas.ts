// zod schemas for every config entity: Z<Name> is the schema, T<Name> its type. The console uses
// them for tRPC input/output and form errors; the gateway uses ZSnapshot to refuse a bad revision.
import { z } from "zod";
import { checkRewrite, parsePattern } from "./path-pattern.ts";

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

export const ZUpstreamUrl = z
  .string()
  .trim()
  .url("must be a URL such as http://127.0.0.1:4001")
  .refine((u) => /^https?:\/\//.test(u), "must be an http:// or https:// URL")
  .refine((u) => !new URL(u).username && !new URL(u).password, "must not carry credentials");

export const ZEnvironment = z.enum(["dev", "prototype", "prod"]);
export const ZTherapeuticPriority = z.enum(["standard", "therapeutic", "crisis"]);
export const ZLoadBalancing = z.enum(["round_robin", "weighted_round_robin", "least_connections", "health_based", "therapeutic_priority"]);
export const ZAuthRequirement = z.enum(["public", "authenticated", "restricted"]);
export const ZSafetyScanMode = z.enum(["off", "monitor", "enforce"]);

export const ZInstance = z.object({
  url: ZUpstreamUrl,
  weight: z.number().int().min(1).max(100).default(1),
});
export type TInstance = z.infer<typeof ZInstance>;

export const ZService = z.object({
  name: ZName,
  environment: ZEnvironment.default("dev"),
  version: z.string().trim().min(1).max(32).default("1.0.0"),
  therapeuticPriority: ZTherapeuticPriority.default("standard"),
  healthCheckPath: z.string().trim().startsWith("/", "must start with /").max(256).default("/health"),
  dependencies: z.array(ZName).max(32).default([]),
  loadBalancing: ZLoadBalancing.default("round_robin"),
  instances: z.array(ZInstance).min(1, "a service needs at least one instance").max(64),
});
export type TService = z.infer<typeof ZService>;

export const ZRetryPolicy = z.object({
  attempts: z.number().int().min(1).max(10).default(1),
  retryNonIdempotent: z.boolean().default(false),
});
export type TRetryPolicy = z.infer<typeof ZRetryPolicy>;

export const ZCachePolicy = z.object({ ttlSeconds: z.number().int().min(1).max(86_400) });

export const ZRateLimitPolicy = z.object({
  name: ZName,
  scope: z.enum(["user", "ip", "endpoint"]).default("user"),
  limit: z.number().int().min(1).max(1_000_000),
  windowSeconds: z.number().int().min(1).max(86_400),
  burst: z.number().int().min(0).max(1_000_000).default(0),
  therapeuticMultiplier: z.number().min(1).max(10).default(1.5),
  crisisBypass: z.boolean().default(true),
  failMode: z.enum(["open", "closed"]).default("open"),
});
export type TRateLimitPolicy = z.infer<typeof ZRateLimitPolicy>;

const routeFields = {
  name: ZName,
  methods: z.array(ZHttpMethod).max(HTTP_METHODS.length).default([]),
  host: ZHost.nullable().default(null),
  path: ZPathPattern,
  rewrite: z.string().trim().nullable().default(null),
  service: ZName,
  timeoutMs: z.number().int().min(100, "at least 100 ms").max(300_000, "at most 300 000 ms").default(30_000),
  retryPolicy: ZRetryPolicy.default({ attempts: 1, retryNonIdempotent: false }),
  auth: ZAuthRequirement.default("public"),
  requiredRoles: z.array(z.string().trim().min(1).max(64)).max(16).default([]),
  requiredPermissions: z.array(z.string().trim().min(1).max(64)).max(32).default([]),
  rateLimitPolicy: ZName.nullable().default(null),
  cachePolicy: ZCachePolicy.nullable().default(null),
  safetyScan: ZSafetyScanMode.default("off"),
  websocket: z.boolean().default(false),
  priority: z.number().int().min(-1000).max(1000).default(0),
  enabled: z.boolean().default(true),
};

function refineRewrite(route: { path: string; rewrite: string | null }, ctx: z.RefinementCtx) {
  if (!route.rewrite) return;
  const parsed = parsePattern(route.path);
  if (!parsed.ok) return; // the path's own error is already reported
  const problem = checkRewrite(parsed.pattern, route.rewrite);
  if (problem) ctx.addIssue({ code: "custom", path: ["rewrite"], message: problem });
}

/** A route as an admin edits it: it names its service and policies. */
export const ZRoute = z.object(routeFields).superRefine(refineRewrite);
export type TRoute = z.infer<typeof ZRoute>;
export type TRouteInput = z.input<typeof ZRoute>;

/** The published snapshot: everything a gateway needs, self-contained and cross-checked. */
export const ZSnapshot = z
  .object({
    schemaVersion: z.literal(1),
    services: z.array(ZService),
    rateLimitPolicies: z.array(ZRateLimitPolicy).default([]),
    routes: z.array(z.object({ id: z.string().min(1), ...routeFields }).superRefine(refineRewrite)),
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
    const services = new Set(snap.services.map((s) => s.name));
    const policies = new Set(snap.rateLimitPolicies.map((p) => p.name));
    snap.routes.forEach((r, i) => {
      if (!services.has(r.service)) ctx.addIssue({ code: "custom", path: ["routes", i, "service"], message: `unknown service "${r.service}"` });
      if (r.rateLimitPolicy && !policies.has(r.rateLimitPolicy))
        ctx.addIssue({ code: "custom", path: ["routes", i, "rateLimitPolicy"], message: `unknown rate-limit policy "${r.rateLimitPolicy}"` });
    });
  });
export type TSnapshot = z.infer<typeof ZSnapshot>;
export type TSnapshotRoute = TSnapshot["routes"][number];
