// Searching the audit log (admins): filters on actor, action, entity, correlation id and time,
// newest first (or oldest), one page at a time: by cursor (the id of the last row of the page
// before) or by offset, with the count of every matching row for "21–40 of N".
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
  const where = auditWhere(filter);
  const order = filter.order ?? "desc";
  const paging: Pick<Prisma.AuditLogFindManyArgs, "cursor" | "skip"> = filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : { skip: filter.offset ?? 0 };
  const [rows, total] = await db.$transaction([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: order }, { id: order }],
      take: filter.limit + 1, // one more tells whether there is a next page
      ...paging,
    }),
    db.auditLog.count({ where }),
  ]);
  const items = rows.slice(0, filter.limit);
  return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1]!.id : null, total };
}
