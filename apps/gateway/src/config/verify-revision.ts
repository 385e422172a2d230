// A revision is taken only if its snapshot is still the one that was published (checksum) and
// still valid for this gateway (ZSnapshot). Either failure refuses it with a reason for /readyz.
import { snapshotChecksum, validateSnapshot, type FieldError, type TSnapshot } from "@tta/domain";
import { checkSnapshotSafety } from "@tta/safety/rules";

export interface RevisionRow {
  number: number;
  snapshot: unknown;
  checksum: string;
}

export type RevisionVerdict = { ok: true; snapshot: TSnapshot } | { ok: false; reason: string; errors: FieldError[] };

export function verifyRevision(row: RevisionRow): RevisionVerdict {
  if (snapshotChecksum(row.snapshot) !== row.checksum)
    return { ok: false, reason: "checksum mismatch: the snapshot is not the one that was published", errors: [] };
  const validated = validateSnapshot(row.snapshot);
  // The safety rule set and the categories routes block, as publishing checked them.
  const checked = validated.ok ? withSafety(validated.snapshot) : validated;
  if (checked.ok) return { ok: true, snapshot: checked.snapshot };
  const shown = checked.errors.slice(0, 3).map((e) => `${e.path || "(root)"}: ${e.message}`);
  const more = checked.errors.length > shown.length ? ` (+${checked.errors.length - shown.length} more)` : "";
  return { ok: false, reason: `invalid snapshot: ${shown.join("; ")}${more}`, errors: checked.errors };
}

function withSafety(snapshot: TSnapshot): { ok: true; snapshot: TSnapshot } | { ok: false; errors: FieldError[] } {
  const errors = checkSnapshotSafety(snapshot);
  return errors.length ? { ok: false, errors } : { ok: true, snapshot };
}
