// The frame of every escalation step: lock the event row, check its state, change it, write the
// audit row and NOTIFY the console's live queue, all in one transaction (NOTIFY is delivered at
// commit, never for a change that rolled back).
import { CHANNELS, type TEscalationSummary } from "@tta/domain";
import type { Tx } from "../client.ts";
import { writeAudit } from "../audit.ts";
import type { ChangeContext } from "../config/routes.ts";
import { NotFoundError } from "../errors.ts";
import { summarySelect, toSummary } from "./summary.ts";
import { EVENT_ENTITY } from "./timeline.ts";

export const stateSelect = { status: true, assigneeId: true, acknowledgedAt: true, resolvedAt: true } as const;

/** Locks the row until commit, so two clinicians acting at once are serialised. */
export async function lockEvent(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`select id from therapeutic_events where id = ${id} for update`;
  if (rows.length === 0) throw new NotFoundError(`event ${id} does not exist`);
  return tx.therapeuticEvent.findUniqueOrThrow({ where: { id }, select: stateSelect });
}

export async function notifyEventChanged(tx: Tx, id: string): Promise<void> {
  await tx.$executeRaw`select pg_notify(${CHANNELS.therapeuticEvent}, ${id})`;
}

/** Audits the step, tells the live queue, and returns the event as it now is. */
export async function finishStep(tx: Tx, id: string, ctx: ChangeContext, step: { action: string; before: unknown; after: unknown }): Promise<TEscalationSummary> {
  await writeAudit(tx, { ...ctx, ...step, entityType: EVENT_ENTITY, entityId: id });
  await notifyEventChanged(tx, id);
  return toSummary(await tx.therapeuticEvent.findUniqueOrThrow({ where: { id }, select: summarySelect }));
}
