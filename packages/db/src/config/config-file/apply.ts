// Applying an uploaded file: the working tables are replaced with it (matched by name, as a
// rollback does) and, when asked, published, in ONE transaction: a publish that fails leaves the
// working tables as they were. Audited as config.import. The CLI also asks that a file taking
// crisis scanning or PII masking away carries a clinician's approval, checked against the live
// revision inside the same transaction and audited there as config.safety_approval.
import { canonicalJson, type TConfigImportResult } from "@tta/domain";
import type { Db } from "../../client.ts";
import { writeAudit, type Actor } from "../../audit.ts";
import { ConfigValidationError, ConflictError, SafetyApprovalRequiredError } from "../../errors.ts";
import { PUBLISH_LOCK, publishWorkingTables, type PublishInput, type PublishedRevision } from "../publish.ts";
import { restoreWorkingTables } from "../restore.ts";
import { readLiveForCompare, readWorkingForCompare, weakeningsOf } from "./preview.ts";
import { readConfigFile } from "./read-file.ts";

export interface ApplyConfigInput extends Omit<PublishInput, "message"> {
  yaml: string;
  mode: "working" | "publish";
  /** Required to publish: the revision's message. */
  message?: string;
  /** The checksum the preview showed; a working copy changed since then is not overwritten. */
  expectedWorkingChecksum?: string;
  /** Refuse a safety weakening (SafetyApprovalRequiredError) unless `approver`, a verified clinician, approved it. */
  safetyApproval?: { required: true; approver: Actor | null; fileChecksum: string };
}

export async function applyConfigImport(db: Db, input: ApplyConfigInput): Promise<TConfigImportResult> {
  const file = readConfigFile(input.yaml);
  const message = input.message?.trim() ?? "";
  if (input.mode === "publish" && !message) throw new ConfigValidationError([{ path: "message", message: "say what this change is for" }]);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${PUBLISH_LOCK})`;
      const working = await readWorkingForCompare(tx);
      const approval = input.safetyApproval;
      let approvedBy: string | null = null;
      if (approval) {
        const weakenings = weakeningsOf((await readLiveForCompare(tx))?.snapshot ?? null, working.snapshot, file);
        if (weakenings.length && !approval.approver) throw new SafetyApprovalRequiredError(weakenings);
        if (weakenings.length && approval.approver) {
          approvedBy = approval.approver.label;
          await writeAudit(tx, {
            actor: approval.approver,
            action: "config.safety_approval",
            entityType: "config_file",
            entityId: approval.fileChecksum,
            after: { fileChecksum: approval.fileChecksum, weakenings, requestedBy: input.actor.label },
            correlationId: input.correlationId,
          });
        }
      }
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
          ...(approvedBy ? { safetyApprovedBy: approvedBy } : {}),
        },
        correlationId: input.correlationId,
      });
      return { mode: input.mode, revision };
    },
    { timeout: 20_000 },
  );
}
