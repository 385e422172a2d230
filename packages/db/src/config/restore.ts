// Makes the working tables equal to a snapshot (rollback, seed). Rows are matched by name, so ids
// of things that survive stay stable; everything else is removed.
import { newId, type TSnapshot } from "@tta/domain";
import type { Tx } from "../client.ts";
import { authPolicyToRow, rateLimitPolicyToRow } from "./policy-rows.ts";
import { routeAggregateToRow } from "./route-aggregate-rows.ts";
import { routeEdgeToRow } from "./route-edge-rows.ts";
import { routeSafetyToRow } from "./route-safety-rows.ts";
import { routeCompressionToRow } from "./route-compression-rows.ts";
import { routeWebsocketToRow } from "./route-websocket-rows.ts";
import { serviceToRow } from "./service-rows.ts";
import { restoreSafetyRules } from "./safety-rules.ts";

export async function restoreWorkingTables(tx: Tx, snap: TSnapshot): Promise<void> {
  const routeNames = snap.routes.map((r) => r.name);
  await tx.route.deleteMany({ where: { name: { notIn: routeNames } } });

  const serviceIds = new Map<string, string>();
  for (const s of snap.services) {
    const data = serviceToRow(s);
    const row = await tx.service.upsert({
      where: { name: s.name },
      create: { id: newId("service"), ...data },
      update: data,
      select: { id: true },
    });
    serviceIds.set(s.name, row.id);
    await tx.serviceInstance.deleteMany({ where: { serviceId: row.id } });
    await tx.serviceInstance.createMany({
      data: s.instances.map((i) => ({ id: newId("instance"), serviceId: row.id, url: i.url, weight: i.weight })),
    });
  }

  const policyIds = new Map<string, string>();
  for (const p of snap.rateLimitPolicies) {
    const data = rateLimitPolicyToRow(p);
    const row = await tx.rateLimitPolicy.upsert({
      where: { name: p.name },
      create: { id: newId("rateLimitPolicy"), name: p.name, ...data },
      update: data,
      select: { id: true },
    });
    policyIds.set(p.name, row.id);
  }

  const authPolicyIds = new Map<string, string>();
  for (const p of snap.authPolicies) {
    const data = authPolicyToRow(p);
    const row = await tx.authPolicy.upsert({
      where: { name: p.name },
      create: { id: newId("authPolicy"), name: p.name, ...data },
      update: data,
      select: { id: true },
    });
    authPolicyIds.set(p.name, row.id);
  }

  for (const r of snap.routes) {
    const data = {
      methods: r.methods,
      host: r.host,
      path: r.path,
      rewrite: r.rewrite,
      serviceId: serviceIds.get(r.service)!,
      timeoutMs: r.timeoutMs,
      retryPolicy: r.retryPolicy,
      auth: r.auth,
      requiredRoles: r.requiredRoles,
      requiredPermissions: r.requiredPermissions,
      authPolicyId: r.authPolicy ? authPolicyIds.get(r.authPolicy)! : null,
      rateLimitPolicyId: r.rateLimitPolicy ? policyIds.get(r.rateLimitPolicy)! : null,
      cachePolicy: r.cachePolicy ?? undefined,
      safetyScan: r.safetyScan,
      priority: r.priority,
      enabled: r.enabled,
      ...routeEdgeToRow(r),
      ...routeSafetyToRow(r),
      ...routeWebsocketToRow(r),
      ...routeAggregateToRow(r),
      ...routeCompressionToRow(r),
    };
    const existing = await tx.route.findUnique({ where: { name: r.name }, select: { id: true } });
    if (existing) await tx.route.update({ where: { id: existing.id }, data });
    else await tx.route.create({ data: { id: r.id.startsWith("rt_") ? r.id : newId("route"), name: r.name, ...data } });
  }

  await tx.rateLimitPolicy.deleteMany({ where: { name: { notIn: snap.rateLimitPolicies.map((p) => p.name) } } });
  await tx.authPolicy.deleteMany({ where: { name: { notIn: snap.authPolicies.map((p) => p.name) } } });
  await tx.service.deleteMany({ where: { name: { notIn: snap.services.map((s) => s.name) } } });
  await restoreSafetyRules(tx, snap.safetyRules);
}
