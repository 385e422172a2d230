// Which services, policies and routes of the working tables differ from the live revision, so the
// console's tables can mark the rows a publish would change. The same diff as a revision's page,
// without the fields: a list page needs to know which rows, not how.
import { diffSnapshots, ZSnapshot, type TSnapshot, type TWorkingChanges } from "@tta/domain";
import type { Db } from "../client.ts";
import { readWorkingSnapshot } from "./snapshot.ts";

export async function workingChanges(db: Db): Promise<TWorkingChanges> {
  const [working, live] = await db.$transaction(async (tx) => [
    await readWorkingSnapshot(tx),
    await tx.configRevision.findFirst({ orderBy: { number: "desc" }, select: { number: true, snapshot: true } }),
  ] as const);
  // Parsed for the defaults a publish would fill in; a working set that would not publish (a
  // dangling reference) is still compared as it stands, since its rows are what the tables show.
  const parsed = ZSnapshot.safeParse(working);
  const now = (parsed.success ? parsed.data : working) as TSnapshot;
  const before = live ? ZSnapshot.safeParse(live.snapshot) : null;
  const diff = diffSnapshots(before?.success ? before.data : null, now);
  return { live: live?.number ?? null, changes: diff.map(({ kind, name, change }) => ({ kind, name, change })) };
}
