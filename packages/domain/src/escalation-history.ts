// The clinicians' history of resolved events: filters (severity, category, route, when it was
// resolved, who had it), one page at a time (most recently resolved first), and the choices the
// filter form offers. Rows are queue summaries: masked excerpts only.
import { z } from "zod";
import { ZEscalationSummary, ZEventPerson, ZEventSeverity } from "./escalations.ts";

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional().transform((v) => v || undefined);

/** `assigneeId` "none": events resolved without an assignee. */
export const HISTORY_UNASSIGNED = "none";

export const ZEscalationHistoryFilter = z
  .object({
    severity: ZEventSeverity.optional(),
    /** The event's type or any of its signals' categories ("suicidal_ideation"). */
    category: text(64),
    route: text(64),
    /** Resolved at or after. */
    from: z.date().optional(),
    /** Resolved at or before. */
    to: z.date().optional(),
    assigneeId: text(64),
    /** The `nextCursor` of the page before. */
    cursor: z.string().trim().max(64).optional(),
    limit: z.number().int().min(1).max(100).default(25),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "must not be before “from”" });
export type TEscalationHistoryFilter = z.infer<typeof ZEscalationHistoryFilter>;
export type TEscalationHistoryFilterInput = z.input<typeof ZEscalationHistoryFilter>;

export const ZEscalationHistoryPage = z.object({
  items: z.array(ZEscalationSummary),
  nextCursor: z.string().nullable(),
  /** How many resolved events match the filter, all pages together. */
  total: z.number().int().min(0),
});
export type TEscalationHistoryPage = z.infer<typeof ZEscalationHistoryPage>;

/** What the filter's selects offer: the values found among resolved events. */
export const ZEscalationHistoryOptions = z.object({
  categories: z.array(z.string()),
  routes: z.array(z.string()),
  assignees: z.array(ZEventPerson),
});
export type TEscalationHistoryOptions = z.infer<typeof ZEscalationHistoryOptions>;
