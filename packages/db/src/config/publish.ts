// Publishing: validate the working tables as one snapshot, store it as an immutable revision and
// tell the gateways, all in one transaction (NOTIFY is delivered at commit, never before).
import { CHANNELS, newId, snapshotChecksum, validateSnapshot, type TSnapshot } from "@tta/domain";
import { checkSnapshotSafety } from "@tta/safety/rules";
import type { Db, Tx } from "../client.ts";
import { writeAudit, type Actor } from "../audit.ts";
import { ConfigValidationError } from "../errors.ts";
import { readWorkingSnapshot } from "./snapshot.ts";

const PUBLISH_LOCK = 7_270_001; // serialises publishes so revision numbers follow commit order

export interface PublishInput {
  actor: Actor;
  message: string;
  correlationId: string;
}

export interface PublishedRevision {
  id: string;
  number: number;
  checksum: string;
  createdAt: Date;
}

/** Inserts a validated snapshot as the newest revision. Call inside a transaction. */
export async function insertRevision(
  tx: Tx,
  snapshot: TSnapshot,
  input: PublishInput & { rolledBackFrom?: number },
): Promise<PublishedRevision> {
  const checksum = snapshotChecksum(snapshot);
  const revision = await tx.configRevision.create({
    data: {
      id: newId("revision"),
      snapshot: snapshot as object,
      checksum,
      message: input.message,
      authorId: input.actor.id,
      rolledBackFrom: input.rolledBackFrom ?? null,
    },
    select: { id: true, number: true, checksum: true, createdAt: true },
  });
  await tx.$executeRaw`select pg_notify(${CHANNELS.configRevision}, ${String(revision.number)})`;
  return revision;
}

/**
 * Validates the working tables as one snapshot (schema and safety) and inserts it as the newest
 * revision. Call inside a transaction holding PUBLISH_LOCK; the caller writes the audit row.
 */
export async function publishWorkingTables(tx: Tx, input: PublishInput): Promise<PublishedRevision> {
  const checked = validateSnapshot(await readWorkingSnapshot(tx));
  if (!checked.ok) throw new ConfigValidationError(checked.errors, "The configuration is not valid; nothing was published.");
  const unsafe = checkSnapshotSafety(checked.snapshot); // safetyRules.* and routes.N.blockedCategories.M
  if (unsafe.length) throw new ConfigValidationError(unsafe, "The safety configuration is not valid; nothing was published.");
  return insertRevision(tx, checked.snapshot, input);
}

export async function publish(db: Db, input: PublishInput): Promise<PublishedRevision> {
  const message = input.message.trim();
  if (!message) throw new ConfigValidationError([{ path: "message", message: "say what this change is for" }]);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(${PUBLISH_LOCK})`;
    const revision = await publishWorkingTables(tx, { ...input, message });
    await writeAudit(tx, {
      actor: input.actor,
      action: "config.publish",
      entityType: "config_revision",
      entityId: revision.id,
      after: { number: revision.number, message, checksum: revision.checksum },
      correlationId: input.correlationId,
    });
    return revision;
  });
}

export { PUBLISH_LOCK };
