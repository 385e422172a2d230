// Rollback = publish an earlier snapshot again, as a new revision, and make the working tables
// match it so that the next edit starts from what is live.
import { validateSnapshot } from "@tta/domain";
import type { Db } from "../client.ts";
import { writeAudit } from "../audit.ts";
import { ConfigValidationError, NotFoundError } from "../errors.ts";
import { insertRevision, PUBLISH_LOCK, type PublishInput, type PublishedRevision } from "./publish.ts";
import { restoreWorkingTables } from "./restore.ts";

export async function rollback(
  db: Db,
  input: Omit<PublishInput, "message"> & { toNumber: number; message?: string },
): Promise<PublishedRevision> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${PUBLISH_LOCK})`;
      const target = await tx.configRevision.findUnique({ where: { number: input.toNumber } });
      if (!target) throw new NotFoundError(`revision ${input.toNumber} does not exist`);
      const checked = validateSnapshot(target.snapshot);
      if (!checked.ok) throw new ConfigValidationError(checked.errors, `revision ${input.toNumber} is not valid and cannot be restored`);
      await restoreWorkingTables(tx, checked.snapshot);
      const message = input.message?.trim() || `Roll back to revision ${input.toNumber}`;
      const revision = await insertRevision(tx, checked.snapshot, { ...input, message, rolledBackFrom: input.toNumber });
      await writeAudit(tx, {
        actor: input.actor,
        action: "config.rollback",
        entityType: "config_revision",
        entityId: revision.id,
        before: { number: input.toNumber },
        after: { number: revision.number, message },
        correlationId: input.correlationId,
      });
      return revision;
    },
    { timeout: 20_000 },
  );
}
