// Shapes the console's API answers with, beyond the config entities themselves. The server uses
// them as tRPC `.output()` validators; the browser only ever sees their inferred types.
import { z } from "zod";
import { ZRoute, ZTherapeuticPriority } from "./schemas.ts";

/** A route as stored in the working tables: the editable fields plus its id. */
export const ZRouteRecord = z.intersection(ZRoute, z.object({ id: z.string().min(1), updatedAt: z.date() }));
export type TRouteRecord = z.infer<typeof ZRouteRecord>;

export const ZServiceSummary = z.object({
  name: z.string(),
  environment: z.string(),
  instances: z.number().int().min(0),
  /** Whether its routes' requests count as therapeutic (the rate limit's multiplier, routing priority). */
  therapeuticPriority: ZTherapeuticPriority,
});
export type TServiceSummary = z.infer<typeof ZServiceSummary>;

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
