// The audit log as admins search it: filters, one page of rows (newest first) and the cursor of
// the next page. Rows hold masked content only (packages/db masks before writing).
import { z } from "zod";

const text = (max: number) => z.string().trim().max(max).optional().transform((v) => v || undefined);

export const ZAuditFilter = z
  .object({
    /** A user's id, or part of their email (any case). */
    actor: text(254),
    /** An action or its start: "route." matches every route action. */
    action: text(64),
    entityType: text(64),
    entityId: text(128),
    correlationId: text(64),
    from: z.date().optional(),
    to: z.date().optional(),
    /** The `nextCursor` of the page before. */
    cursor: z.string().trim().max(64).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    /** Rows to skip, for a table that pages by number ("21–40 of N") rather than by cursor. */
    offset: z.number().int().min(0).max(1_000_000).optional(),
    /** By time: newest first unless asked otherwise. */
    order: z.enum(["desc", "asc"]).default("desc"),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "must not be before “from”" });
export type TAuditFilter = z.infer<typeof ZAuditFilter>;
export type TAuditFilterInput = z.input<typeof ZAuditFilter>;

export const ZAuditEntry = z.object({
  id: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  correlationId: z.string(),
  createdAt: z.date(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = z.object({
  items: z.array(ZAuditEntry),
  nextCursor: z.string().nullable(),
  /** Rows matching the filters, on every page. */
  total: z.number().int(),
});
export type TAuditPage = z.infer<typeof ZAuditPage>;
