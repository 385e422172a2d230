// Resolved events for the clinicians' history: filtered (severity, category, route, resolved
// between, assignee), most recently resolved first, a page at a time (the cursor is the last id of
// the page before), with the total count; and the values the filter's selects offer.
import {
  HISTORY_UNASSIGNED,
  type TEscalationHistoryFilter,
  type TEscalationHistoryOptions,
  type TEscalationHistoryPage,
} from "@tta/domain";
import type { Db } from "../client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { parseSignals, summarySelect, toSummary } from "./summary.ts";

export function historyWhere(filter: TEscalationHistoryFilter): Prisma.TherapeuticEventWhereInput {
  const and: Prisma.TherapeuticEventWhereInput[] = [{ status: "resolved" }];
  if (filter.severity) and.push({ severity: filter.severity });
  // jsonb containment (@>): any signal of the category.
  if (filter.category) and.push({ OR: [{ type: filter.category }, { signals: { array_contains: [{ category: filter.category }] } }] });
  if (filter.route) and.push({ routeName: filter.route });
  if (filter.from) and.push({ resolvedAt: { gte: filter.from } });
  if (filter.to) and.push({ resolvedAt: { lte: filter.to } });
  if (filter.assigneeId) and.push({ assigneeId: filter.assigneeId === HISTORY_UNASSIGNED ? null : filter.assigneeId });
  return { AND: and };
}

export async function listEscalationHistory(db: Db, filter: TEscalationHistoryFilter): Promise<TEscalationHistoryPage> {
  const where = historyWhere(filter);
  const [rows, total] = await Promise.all([
    db.therapeuticEvent.findMany({
      where,
      orderBy: [{ resolvedAt: "desc" }, { id: "desc" }],
      take: filter.limit + 1, // one more tells whether there is a next page
      ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
      select: summarySelect,
    }),
    db.therapeuticEvent.count({ where }),
  ]);
  const items = rows.slice(0, filter.limit).map(toSummary);
  return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1]!.id : null, total };
}

/** Values found among resolved events (the most recent OPTIONS_SCANNED of them for categories). */
export const OPTIONS_SCANNED = 2_000;

export async function escalationHistoryOptions(db: Db): Promise<TEscalationHistoryOptions> {
  const resolved = { status: "resolved" } as const;
  const [routes, assignees, recent] = await Promise.all([
    db.therapeuticEvent.findMany({ where: { ...resolved, routeName: { not: null } }, distinct: ["routeName"], select: { routeName: true }, orderBy: { routeName: "asc" } }),
    db.user.findMany({ where: { assigned: { some: resolved } }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" } }),
    db.therapeuticEvent.findMany({ where: resolved, select: { type: true, signals: true }, orderBy: { resolvedAt: "desc" }, take: OPTIONS_SCANNED }),
  ]);
  const categories = new Set<string>();
  for (const e of recent) {
    categories.add(e.type);
    for (const s of parseSignals(e.signals)) categories.add(s.category);
  }
  return { categories: [...categories].sort(), routes: routes.flatMap((r) => (r.routeName ? [r.routeName] : [])), assignees };
}
