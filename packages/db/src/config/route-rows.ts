// A route row (with its service and policy names) in the shape of an edited route: one mapping for
// the console's route records and for the published snapshot, so a new column cannot reach one
// and miss the other.
import type { Prisma } from "../generated/prisma/client.ts";
import { routeAggregateFromRow } from "./route-aggregate-rows.ts";
import { routeCompressionFromRow } from "./route-compression-rows.ts";
import { routeEdgeFromRow } from "./route-edge-rows.ts";
import { routeSafetyFromRow } from "./route-safety-rows.ts";
import { routeWebsocketFromRow } from "./route-websocket-rows.ts";

export const routeRowInclude = {
  service: { select: { name: true } },
  rateLimitPolicy: { select: { name: true } },
  authPolicy: { select: { name: true } },
} as const;

export type RouteRowWithNames = Prisma.RouteGetPayload<{ include: typeof routeRowInclude }>;

/** Unvalidated: callers parse it with ZRoute (records) or as part of ZSnapshot (publish). */
export function routeFromRow(r: RouteRowWithNames) {
  return {
    name: r.name,
    methods: r.methods,
    host: r.host,
    path: r.path,
    rewrite: r.rewrite,
    service: r.service.name,
    timeoutMs: r.timeoutMs,
    retryPolicy: r.retryPolicy ?? undefined,
    auth: r.auth,
    requiredRoles: r.requiredRoles,
    requiredPermissions: r.requiredPermissions,
    authPolicy: r.authPolicy?.name ?? null,
    rateLimitPolicy: r.rateLimitPolicy?.name ?? null,
    cachePolicy: r.cachePolicy ?? null,
    safetyScan: r.safetyScan,
    priority: r.priority,
    enabled: r.enabled,
    ...routeEdgeFromRow(r),
    ...routeSafetyFromRow(r),
    ...routeWebsocketFromRow(r),
    ...routeAggregateFromRow(r),
    ...routeCompressionFromRow(r),
  };
}
