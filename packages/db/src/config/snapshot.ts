// Reads the working tables into the shape of a published snapshot (not yet validated).
import type { Tx } from "../client.ts";
import { authPolicyFromRow, rateLimitPolicyFromRow } from "./policy-rows.ts";
import { routeEdgeFromRow } from "./route-edge-rows.ts";
import { routeSafetyFromRow } from "./route-safety-rows.ts";

export async function readWorkingSnapshot(tx: Tx): Promise<unknown> {
  // Sequential on purpose: inside a transaction there is one connection.
  const services = await tx.service.findMany({ include: { instances: { orderBy: { url: "asc" } } }, orderBy: { name: "asc" } });
  const policies = await tx.rateLimitPolicy.findMany({ orderBy: { name: "asc" } });
  const authPolicies = await tx.authPolicy.findMany({ orderBy: { name: "asc" } });
  const routes = await tx.route.findMany({ include: { service: true, rateLimitPolicy: true, authPolicy: true }, orderBy: { name: "asc" } });
  return {
    schemaVersion: 1,
    services: services.map((s) => ({
      name: s.name,
      environment: s.environment,
      version: s.version,
      therapeuticPriority: s.therapeuticPriority,
      healthCheckPath: s.healthCheckPath,
      dependencies: s.dependencies,
      loadBalancing: s.loadBalancing,
      healthCheck: s.healthCheck ?? undefined,
      circuitBreaker: s.circuitBreaker ?? undefined,
      instances: s.instances.map((i) => ({ url: i.url, weight: i.weight })),
    })),
    rateLimitPolicies: policies.map(rateLimitPolicyFromRow),
    authPolicies: authPolicies.map(authPolicyFromRow),
    routes: routes.map((r) => ({
      id: r.id,
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
      websocket: r.websocket,
      priority: r.priority,
      enabled: r.enabled,
      ...routeEdgeFromRow(r),
      ...routeSafetyFromRow(r),
    })),
  };
}
