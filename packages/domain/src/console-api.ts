// Shapes the console's API answers with, beyond the config entities themselves. The server uses
// them as tRPC `.output()` validators; the browser only ever sees their inferred types.
import { z } from "zod";
import { ZRoute } from "./schemas.ts";

/** A route as stored in the working tables: the editable fields plus its id. */
export const ZRouteRecord = z.intersection(ZRoute, z.object({ id: z.string().min(1), updatedAt: z.date() }));
export type TRouteRecord = z.infer<typeof ZRouteRecord>;

export const ZFieldError = z.object({ path: z.string(), message: z.string() });

export const ZPublishedRevision = z.object({
  id: z.string(),
  number: z.number().int(),
  checksum: z.string(),
  createdAt: z.date(),
});
export type TPublishedRevision = z.infer<typeof ZPublishedRevision>;

const ZAuthor = z.object({ name: z.string(), email: z.string() }).nullable();

export const ZRevisionSummary = z.object({
  id: z.string(),
  number: z.number().int(),
  message: z.string(),
  checksum: z.string(),
  rolledBackFrom: z.number().int().nullable(),
  createdAt: z.date(),
  author: ZAuthor,
});
export type TRevisionSummary = z.infer<typeof ZRevisionSummary>;

export const ZDiffEntityKind = z.enum(["service", "rateLimitPolicy", "authPolicy", "route", "safetyRules"]);
export const ZFieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const ZEntityDiff = z.object({
  kind: ZDiffEntityKind,
  name: z.string(),
  change: z.enum(["added", "removed", "changed"]),
  fields: z.array(ZFieldChange),
});
export type TFieldChange = z.infer<typeof ZFieldChange>;
export type TEntityDiff = z.infer<typeof ZEntityDiff>;

export const ZRevisionDetail = z.object({
  revision: ZRevisionSummary,
  /** The revision this one is compared with: the newest one before it, if any. */
  previousNumber: z.number().int().nullable(),
  counts: z.object({ services: z.number().int(), routes: z.number().int(), rateLimitPolicies: z.number().int(), authPolicies: z.number().int() }),
  diff: z.array(ZEntityDiff),
  /** Set when a stored snapshot no longer validates (then `diff` is empty). */
  problems: z.array(ZFieldError),
});
export type TRevisionDetail = z.infer<typeof ZRevisionDetail>;

export const ZConfigStatus = z.object({
  latest: z.object({ number: z.number().int(), createdAt: z.date() }).nullable(),
  /** The working tables differ from the newest revision (or nothing was ever published). */
  unpublishedChanges: z.boolean(),
  /** Why the working tables would not publish as they are, if they would not. */
  problems: z.array(ZFieldError),
});
export type TConfigStatus = z.infer<typeof ZConfigStatus>;

/** What differs between the working tables and the live (newest) revision, entity by entity. */
export const ZWorkingChanges = z.object({
  /** The live revision's number; null when nothing was published (then everything is "added"). */
  live: z.number().int().nullable(),
  changes: z.array(ZEntityDiff.pick({ kind: true, name: true, change: true })),
});
export type TWorkingChanges = z.infer<typeof ZWorkingChanges>;

/** One page of the publish history, searched and sorted on the server (it grows without bound). */
export const ZRevisionPageInput = z.object({
  /** Part of the message or of the author's name or email, or a revision number. */
  search: z.string().trim().max(200).default(""),
  sort: z.enum(["number", "message", "author"]).default("number"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(20),
});
export type TRevisionPageInput = z.input<typeof ZRevisionPageInput>;
export const ZRevisionPage = z.object({
  items: z.array(ZRevisionSummary),
  /** Revisions matching the search. */
  total: z.number().int(),
  /** The live revision's number, whichever page this is. */
  live: z.number().int().nullable(),
});
export type TRevisionPage = z.infer<typeof ZRevisionPage>;
