// Applying an uploaded file: the working tables are replaced with it (matched by name, as a
// rollback does) and, when asked, published, in ONE transaction: a publish that fails leaves the
// working tables as they were. Audited as config.import.
import { canonicalJson, type TConfigImportResult } from "@tta/domain";
import type { Db } from "../../client.ts";
import { writeAudit } from "../../audit.ts";
import { ConfigValidationError, ConflictError } from "../../errors.ts";
import { PUBLISH_LOCK, publishWorkingTables, type PublishInput, type PublishedRevision } from "../publish.ts";
import { restoreWorkingTables } from "../restore.ts";
import { readWorkingForCompare } from "./preview.ts";
import { readConfigFile } from "./read-file.ts";

export interface ApplyConfigInput extends Omit<PublishInput, "message"> {
  yaml: string;
  mode: "working" | "publish";
  /** Required to publish: the revision's message. */
  message?: string;
  /** The checksum the preview showed; a working copy changed since then is not overwritten. */
  expectedWorkingChecksum?: string;
}

export async function applyConfigImport(db: Db, input: ApplyConfigInput): Promise<TConfigImportResult> {
  const file = readConfigFile(input.yaml);
  const message = input.message?.trim() ?? "";
  if (input.mode === "publish" && !message) throw new ConfigValidationError([{ path: "message", message: "say what this change is for" }]);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${PUBLISH_LOCK})`;
      const working = await readWorkingForCompare(tx);
      if (input.expectedWorkingChecksum && working.checksum !== input.expectedWorkingChecksum) {
        throw new ConflictError("The working copy changed after this file was checked: check the file again to see the current diff.");
      }
      // The same rules as stored stay stored as they are (no change for the unpublished-changes check).
      const sameRules = canonicalJson(working.snapshot.safetyRules ?? null) === canonicalJson(file.safetyRules ?? null);
      const rawRules = sameRules ? (working.raw as { safetyRules: unknown }).safetyRules : file.safetyRules;
      await restoreWorkingTables(tx, { ...file, safetyRules: rawRules });
      let revision: PublishedRevision | null = null;
      if (input.mode === "publish") revision = await publishWorkingTables(tx, { actor: input.actor, correlationId: input.correlationId, message });
      await writeAudit(tx, {
        actor: input.actor,
        action: "config.import",
        entityType: revision ? "config_revision" : "config_working",
        entityId: revision?.id ?? null,
        before: { workingChecksum: working.checksum },
        after: {
          mode: input.mode,
          ...(revision ? { number: revision.number, checksum: revision.checksum, message } : {}),
          services: file.services.length,
          routes: file.routes.length,
          rateLimitPolicies: file.rateLimitPolicies.length,
          authPolicies: file.authPolicies.length,
        },
        correlationId: input.correlationId,
      });
      return { mode: input.mode, revision };
    },
    { timeout: 20_000 },
  );
}
