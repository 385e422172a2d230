// What a file would change against the live (newest) revision: the diff and the safety weakenings.
// Shared by diff, apply (its dry run and its output) and import.
import { previewConfigImport, type Db } from "@tta/db";
import type { TConfigImportPreview } from "@tta/domain";
import { formatDiff, formatWeakenings } from "./format-diff.ts";
import type { Io } from "./io.ts";

export type Plan = Pick<TConfigImportPreview, "liveNumber" | "diffLive" | "weakenings" | "counts"> & {
  /** The working tables differ from the file (unpublished console edits that apply would replace). */
  workingDiffers: boolean;
};

export async function planFor(db: Db, yaml: string): Promise<Plan> {
  const { liveNumber, diffLive, diffWorking, weakenings, counts } = await previewConfigImport(db, yaml);
  return { liveNumber, diffLive, weakenings, counts, workingDiffers: diffWorking.length > 0 };
}

export const againstLive = (plan: Plan) => (plan.liveNumber === null ? "nothing published yet" : `live revision ${plan.liveNumber}`);

export function printPlan(io: Io, plan: Plan): void {
  const against = againstLive(plan);
  if (!plan.diffLive.length) {
    io.out(`No changes against ${against}.`);
    if (plan.workingDiffers) io.out("The working tables hold unpublished edits that differ from the file: apply would reset them to it.");
    return;
  }
  io.out(`Changes against ${against} (${plan.diffLive.length} entit${plan.diffLive.length === 1 ? "y" : "ies"}):`);
  for (const line of formatDiff(plan.diffLive)) io.out(line);
  if (plan.weakenings.length) {
    io.out(`Safety weakenings (${plan.weakenings.length}): applying needs --approved-by a clinician`);
    for (const line of formatWeakenings(plan.weakenings)) io.out(line);
  }
}
