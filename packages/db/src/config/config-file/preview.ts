// An uploaded file before it is applied: what it would change in the working copy and against
// the live revision, and what it would take away from safety. Changes nothing.
import { diffSnapshots, findSafetyWeakenings, snapshotChecksum, type TConfigImportPreview, type TSafetyWeakening, type TSnapshot } from "@tta/domain";
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

/** The live (newest) revision as compared with a file; snapshot null when it no longer validates. */
export async function readLiveForCompare(tx: Tx): Promise<{ number: number; snapshot: TSnapshot | null; raw: unknown } | null> {
  const live = await tx.configRevision.findFirst({ orderBy: { number: "desc" }, select: { number: true, snapshot: true } });
  if (!live) return null;
  const checked = normaliseSnapshot(live.snapshot);
  return { number: live.number, snapshot: checked.ok ? checked.snapshot : null, raw: live.snapshot };
}

/** What gateways serve is what a weakening would take away from; with nothing live, the working copy. */
export function weakeningsOf(live: TSnapshot | null, working: TSnapshot, file: TSnapshot): TSafetyWeakening[] {
  return findSafetyWeakenings(live ?? working, file, DEFAULT_SAFETY_RULES.categories);
}

export async function previewConfigImport(db: Db, text: string): Promise<TConfigImportPreview> {
  const file = readConfigFile(text);
  const [working, live] = await db.$transaction(async (tx) => [
    await readWorkingForCompare(tx),
    await readLiveForCompare(tx),
  ] as const);
  const liveSnapshot = live?.snapshot ?? null;
  return {
    workingChecksum: working.checksum,
    diffWorking: diffSnapshots(working.snapshot, file),
    liveNumber: live?.number ?? null,
    diffLive: live ? diffSnapshots(liveSnapshot ?? (live.raw as TSnapshot), file) : diffSnapshots(null, file),
    weakenings: weakeningsOf(liveSnapshot, working.snapshot, file),
    counts: { services: file.services.length, routes: file.routes.length, rateLimitPolicies: file.rateLimitPolicies.length, authPolicies: file.authPolicies.length },
  };
}
