// An aggregation route's kind and parts between the snapshot shape and the route row, in one place
// for snapshot reading, restore and the console's route editing. The parts name their services
// (a JSON column, no foreign key): routes.ts checks them, services.ts follows renames and refuses
// deleting a service a part uses.
import type { TRoute } from "@tta/domain";
import { Prisma, type Route } from "../generated/prisma/client.ts";

type Aggregate = Pick<TRoute, "kind" | "aggregate">;

export function routeAggregateFromRow(r: Route): Aggregate {
  return { kind: r.kind, aggregate: (r.aggregate as Aggregate["aggregate"]) ?? null };
}

/** null clears the JSON column (undefined would leave old parts in place on update). */
export function routeAggregateToRow(r: Aggregate) {
  return { kind: r.kind, aggregate: r.aggregate ?? Prisma.DbNull };
}

/** The services an aggregate route's parts call, once each. */
export function partServices(aggregate: unknown): string[] {
  const parts = (aggregate as { parts?: Array<{ service?: unknown }> } | null)?.parts;
  return Array.isArray(parts) ? [...new Set(parts.map((p) => p?.service).filter((s): s is string => typeof s === "string"))] : [];
}

/** The parts with `from` renamed to `to` (a service rename follows into the routes that call it). */
export function renamePartService(aggregate: unknown, from: string, to: string): Prisma.InputJsonValue {
  const policy = aggregate as { parts: Array<Record<string, unknown>> };
  return { ...policy, parts: policy.parts.map((p) => (p.service === from ? { ...p, service: to } : p)) } as Prisma.InputJsonValue;
}
