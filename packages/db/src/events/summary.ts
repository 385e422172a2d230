// One therapeutic event as the queue and the detail panel show it: the masked excerpt, the
// categories of its signals, its assignee, how many notes it has and how many
// detections were folded into it (repeats of one client over its rate limit).
import { ZEventSignal, type TEscalationSummary, type TEventSignal } from "@tta/domain";
import type { Prisma } from "../generated/prisma/client.ts";

export const summarySelect = {
  id: true,
  type: true,
  severity: true,
  status: true,
  escalated: true,
  routeName: true,
  excerpt: true,
  signals: true,
  createdAt: true,
  acknowledgedAt: true,
  resolvedAt: true,
  repeatCount: true,
  lastSeenAt: true,
  assignee: { select: { id: true, name: true, email: true } },
  _count: { select: { notes: true } },
} as const satisfies Prisma.TherapeuticEventSelect;

export type SummaryRow = Prisma.TherapeuticEventGetPayload<{ select: typeof summarySelect }>;

/** The signals the gateway stored; one that does not parse is left out rather than failing the queue. */
export function parseSignals(value: unknown): TEventSignal[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((s) => {
    const parsed = ZEventSignal.safeParse(s);
    return parsed.success ? [parsed.data] : [];
  });
}

export function toSummary(row: SummaryRow): TEscalationSummary {
  const { signals, _count, lastSeenAt, ...rest } = row;
  const categories = [...new Set(parseSignals(signals).map((s) => s.category))];
  return { ...rest, categories, noteCount: _count.notes, lastSeenAt: lastSeenAt ?? row.createdAt };
}
