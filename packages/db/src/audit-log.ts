// Searching the audit log (admins): filters on actor, action, entity, correlation id and time,
// newest first, one page at a time (the cursor is the id of the last row of the page before).
import type { TAuditFilter, TAuditPage } from "@tta/domain";
import type { Db } from "./client.ts";
import type { Prisma } from "./generated/prisma/client.ts";

export function auditWhere(filter: TAuditFilter): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filter.actor) and.push({ OR: [{ actorId: filter.actor }, { actorLabel: { contains: filter.actor, mode: "insensitive" } }] });
  if (filter.action) and.push({ action: { startsWith: filter.action } });
  if (filter.entityType) and.push({ entityType: filter.entityType });
  if (filter.entityId) and.push({ entityId: filter.entityId });
  if (filter.correlationId) and.push({ correlationId: filter.correlationId });
  if (filter.from) and.push({ createdAt: { gte: filter.from } });
  if (filter.to) and.push({ createdAt: { lte: filter.to } });
  return and.length ? { AND: and } : {};
}

export async function listAuditLog(db: Db, filter: TAuditFilter): Promise<TAuditPage> {
  const rows = await db.auditLog.findMany({
    where: auditWhere(filter),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit + 1, // one more tells whether there is a next page
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, filter.limit);
  return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1]!.id : null };
}
