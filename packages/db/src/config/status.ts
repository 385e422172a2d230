// Whether the working tables still equal the newest revision ("unpublished changes"): the working
// snapshot is validated like a publish would, then compared by checksum with the revision's.
import { snapshotChecksum, validateSnapshot, type TConfigStatus } from "@tta/domain";
import { checkSnapshotSafety } from "@tta/safety/rules";
import type { Db } from "../client.ts";
import { readWorkingSnapshot } from "./snapshot.ts";

export async function configStatus(db: Db): Promise<TConfigStatus> {
  const [working, latest] = await db.$transaction(async (tx) => [
    await readWorkingSnapshot(tx),
    await tx.configRevision.findFirst({ orderBy: { number: "desc" }, select: { number: true, createdAt: true, checksum: true } }),
  ] as const);
  const checked = validateSnapshot(working);
  if (!checked.ok) return { latest: latest && { number: latest.number, createdAt: latest.createdAt }, unpublishedChanges: true, problems: checked.errors };
  const unpublishedChanges = !latest || snapshotChecksum(checked.snapshot) !== latest.checksum;
  // The checks publish runs on the safety side too (rule set, routes' blocked categories).
  return { latest: latest && { number: latest.number, createdAt: latest.createdAt }, unpublishedChanges, problems: checkSnapshotSafety(checked.snapshot) };
}
