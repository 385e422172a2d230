// Reads the working tables into the shape of a published snapshot (not yet validated).
import type { Tx } from "../client.ts";
import { authPolicyFromRow, rateLimitPolicyFromRow } from "./policy-rows.ts";
import { routeFromRow, routeRowInclude } from "./route-rows.ts";
import { serviceFromRow } from "./service-rows.ts";
import { readWorkingSafetyRules } from "./safety-rules.ts";

export async function readWorkingSnapshot(tx: Tx): Promise<unknown> {
  // Sequential on purpose: inside a transaction there is one connection.
  const services = await tx.service.findMany({ include: { instances: { orderBy: { url: "asc" } } }, orderBy: { name: "asc" } });
  const policies = await tx.rateLimitPolicy.findMany({ orderBy: { name: "asc" } });
  const authPolicies = await tx.authPolicy.findMany({ orderBy: { name: "asc" } });
  const routes = await tx.route.findMany({ include: routeRowInclude, orderBy: { name: "asc" } });
  const safetyRules = await readWorkingSafetyRules(tx);
  return {
    schemaVersion: 1,
    services: services.map(serviceFromRow),
    rateLimitPolicies: policies.map(rateLimitPolicyFromRow),
    authPolicies: authPolicies.map(authPolicyFromRow),
    routes: routes.map((r) => ({ id: r.id, ...routeFromRow(r) })),
    safetyRules,
  };
}
