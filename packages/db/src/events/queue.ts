// The clinicians' queue (open and acknowledged events, most severe first, then the longest
// waiting) and the counts that other roles see instead of it.
import { EVENT_SEVERITIES, type TEscalationCounts, type TEscalationSummary } from "@tta/domain";
import type { Db } from "../client.ts";
import { summarySelect, toSummary } from "./summary.ts";

/** A queue longer than this shows its most urgent part; the counts still give the whole size. */
export const QUEUE_LIMIT = 500;

export async function listEscalationQueue(db: Db, limit = QUEUE_LIMIT): Promise<TEscalationSummary[]> {
  const rows = await db.therapeuticEvent.findMany({
    where: { status: { in: ["open", "acknowledged"] } },
    // Severity is a Postgres enum declared low..critical, so it sorts by rank.
    orderBy: [{ severity: "desc" }, { createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

export async function escalationCounts(db: Db): Promise<TEscalationCounts> {
  const [groups, oldest] = await Promise.all([
    db.therapeuticEvent.groupBy({ by: ["status", "severity"], _count: { _all: true } }),
    db.therapeuticEvent.findFirst({ where: { status: { in: ["open", "acknowledged"] } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  const counts: TEscalationCounts = {
    byStatus: { open: 0, acknowledged: 0, resolved: 0 },
    bySeverity: Object.fromEntries(EVENT_SEVERITIES.map((s) => [s, 0])) as TEscalationCounts["bySeverity"],
    unresolved: 0,
    oldestUnresolvedAt: oldest?.createdAt ?? null,
  };
  for (const g of groups) {
    counts.byStatus[g.status] += g._count._all;
    if (g.status === "resolved") continue;
    counts.bySeverity[g.severity] += g._count._all;
    counts.unresolved += g._count._all;
  }
  return counts;
}
