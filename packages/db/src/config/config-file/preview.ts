// An uploaded file before it is applied: what it would change in the working copy and against
// the live revision, and what it would take away from safety. Changes nothing.
import { diffSnapshots, findSafetyWeakenings, snapshotChecksum, type TConfigImportPreview, type TSnapshot } from "@tta/domain";
import { DEFAULT_SAFETY_RULES } from "@tta/safety/rules";
import type { Db, Tx } from "../../client.ts";
import { readWorkingSnapshot } from "../snapshot.ts";
import { normaliseSnapshot } from "./normalise.ts";
import { readConfigFile } from "./read-file.ts";

/** The working copy as compared with a file (as stored when it does not validate), and its checksum. */
export async function readWorkingForCompare(tx: Tx): Promise<{ snapshot: TSnapshot; raw: unknown; checksum: string }> {
  const raw = await readWorkingSnapshot(tx);
  const checked = normaliseSnapshot(raw);
  return { snapshot: checked.ok ? checked.snapshot : (raw as TSnapshot), raw, checksum: snapshotChecksum(raw) };
}

export async function previewConfigImport(db: Db, text: string): Promise<TConfigImportPreview> {
  const file = readConfigFile(text);
  const [working, live] = await db.$transaction(async (tx) => [
    await readWorkingForCompare(tx),
    await tx.configRevision.findFirst({ orderBy: { number: "desc" }, select: { number: true, snapshot: true } }),
  ] as const);
  const liveChecked = live ? normaliseSnapshot(live.snapshot) : null;
  const liveSnapshot = liveChecked?.ok ? liveChecked.snapshot : null;
  return {
    workingChecksum: working.checksum,
    diffWorking: diffSnapshots(working.snapshot, file),
    liveNumber: live?.number ?? null,
    diffLive: live ? diffSnapshots(liveSnapshot ?? (live.snapshot as TSnapshot), file) : diffSnapshots(null, file),
    // What gateways serve is what a weakening would take away from; with nothing live, the working copy.
    weakenings: findSafetyWeakenings(liveSnapshot ?? working.snapshot, file, DEFAULT_SAFETY_RULES.categories),
    counts: { services: file.services.length, routes: file.routes.length, rateLimitPolicies: file.rateLimitPolicies.length, authPolicies: file.authPolicies.length },
  };
}
