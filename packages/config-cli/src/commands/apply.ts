// apply FILE --message MSG --author EMAIL [--dry-run] [--approved-by CLINICIAN_EMAIL]: the file
// becomes the working copy and a new revision in one transaction (all or nothing). A file that
// takes crisis scanning or PII masking away is refused unless a clinician approves it.
import { createHash } from "node:crypto";
import { applyConfigImport, SafetyApprovalRequiredError, type Actor } from "@tta/db";
import { newId } from "@tta/domain";
import { checkFile } from "../check-file.ts";
import { CliError } from "../cli-error.ts";
import { formatWeakenings } from "../format-diff.ts";
import { withDb, type Io } from "../io.ts";
import { againstLive, planFor, printPlan } from "../plan.ts";
import { readInput } from "../read-input.ts";
import { APPROVER_PASSWORD_ENV, approverActor, authorActor } from "../users.ts";

export interface ApplyOptions {
  message?: string;
  author?: string;
  dryRun?: boolean;
  approvedBy?: string;
}

const refusal = (weakenings: SafetyApprovalRequiredError["weakenings"]) =>
  new CliError(
    [`Refused: the file weakens safety (${weakenings.length}); nothing was changed.`, ...formatWeakenings(weakenings), `A clinician must approve: --approved-by CLINICIAN_EMAIL with ${APPROVER_PASSWORD_ENV} set to their password.`].join("\n"),
    [],
    1,
    { weakenings },
  );

export async function applyYaml(io: Io, yaml: string, name: string, opts: ApplyOptions): Promise<number> {
  checkFile(yaml, name);
  const message = opts.message?.trim();
  if (!opts.dryRun && !message) throw new CliError("--message MSG is required: say what this change is for (it is the revision's message)");
  return withDb(io, async (db) => {
    const author = await authorActor(db, opts.author);
    const approver: Actor | null = opts.approvedBy ? await approverActor(db, opts.approvedBy, io.env[APPROVER_PASSWORD_ENV]) : null;
    const plan = await planFor(db, yaml);
    if (opts.dryRun) {
      if (io.json) io.out(JSON.stringify({ dryRun: true, ...plan }));
      else {
        printPlan(io, plan);
        io.out("Dry run: nothing was written.");
      }
      if (plan.weakenings.length && !approver) io.err("Without --approved-by a clinician, applying this file would be refused.");
      return 0;
    }
    const fileChecksum = createHash("sha256").update(yaml).digest("hex");
    if (!plan.diffLive.length) {
      // Live already is the file: no new revision; unpublished edits in the working tables are reset to it.
      if (plan.workingDiffers) await applyConfigImport(db, { actor: author, correlationId: newId("request"), yaml, mode: "working" });
      if (io.json) io.out(JSON.stringify({ applied: false, workingReset: plan.workingDiffers, ...plan }));
      else io.out(`No changes against ${againstLive(plan)}: no revision published${plan.workingDiffers ? "; the working tables were reset to the file" : ""}.`);
      return 0;
    }
    try {
      const result = await applyConfigImport(db, {
        actor: author,
        correlationId: newId("request"),
        yaml,
        mode: "publish",
        message,
        safetyApproval: { required: true, approver, fileChecksum },
      });
      const revision = result.revision!;
      if (io.json) io.out(JSON.stringify({ applied: true, revision: revision.number, checksum: revision.checksum, approvedBy: plan.weakenings.length ? approver?.label : null, ...plan }));
      else {
        printPlan(io, plan);
        io.out(`Published revision ${revision.number} by ${author.label}${plan.weakenings.length && approver ? `, safety weakening approved by ${approver.label}` : ""}.`);
      }
      return 0;
    } catch (error) {
      if (error instanceof SafetyApprovalRequiredError) throw refusal(error.weakenings);
      throw error;
    }
  });
}

export async function applyCommand(io: Io, file: string | undefined, opts: ApplyOptions): Promise<number> {
  return applyYaml(io, await readInput(io, file), file!, opts);
}
