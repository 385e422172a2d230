// What the console's config-file procedures answer (browser-safe: zod only, no YAML parser).
import { z } from "zod";
import { ZEntityDiff, ZPublishedRevision } from "../console-api.ts";
import { MAX_CONFIG_FILE_CHARS } from "./format.ts";

/** The working copy (no revision) or a published revision. */
export const ZConfigFileExportInput = z.object({ revision: z.number().int().positive().optional() }).default({});

export const ZConfigFileExport = z.object({
  /** e.g. tta-config-rev-12.yaml, tta-config-working.yaml */
  fileName: z.string(),
  yaml: z.string(),
});
export type TConfigFileExport = z.infer<typeof ZConfigFileExport>;

export const ZSafetyWeakening = z.object({
  /** null: the safety rule set itself. */
  route: z.string().nullable(),
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  message: z.string(),
});
export type TSafetyWeakening = z.infer<typeof ZSafetyWeakening>;

export const ZConfigImportPreview = z.object({
  /** The working tables' checksum the diff was made against; apply refuses if they changed since. */
  workingChecksum: z.string(),
  diffWorking: z.array(ZEntityDiff),
  /** null when nothing was ever published. */
  liveNumber: z.number().int().nullable(),
  diffLive: z.array(ZEntityDiff),
  /** Safety taken away compared with the live revision (or the working copy, if nothing is live). */
  weakenings: z.array(ZSafetyWeakening),
  counts: z.object({ services: z.number().int(), routes: z.number().int(), rateLimitPolicies: z.number().int(), authPolicies: z.number().int() }),
});
export type TConfigImportPreview = z.infer<typeof ZConfigImportPreview>;

export const ZConfigImportMode = z.enum(["working", "publish"]);

const ZConfigFileText = z.string().min(1, "choose a file or paste its YAML").max(MAX_CONFIG_FILE_CHARS, `at most ${MAX_CONFIG_FILE_CHARS} characters`);

export const ZConfigImportPreviewInput = z.object({ yaml: ZConfigFileText });

export const ZConfigImportApplyInput = z.object({
  yaml: ZConfigFileText,
  mode: ZConfigImportMode,
  /** Required to publish. */
  message: z.string().trim().max(500, "must be at most 500 characters").optional(),
  /** The preview's workingChecksum: a working copy changed since then is not overwritten. */
  expectedWorkingChecksum: z.string().max(128).optional(),
});
export type TConfigImportApplyInput = z.infer<typeof ZConfigImportApplyInput>;

export const ZConfigImportResult = z.object({
  mode: ZConfigImportMode,
  /** The new revision when published. */
  revision: ZPublishedRevision.nullable(),
});
export type TConfigImportResult = z.infer<typeof ZConfigImportResult>;
