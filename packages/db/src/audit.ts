import { newId } from "@tta/domain";
import type { Tx } from "./client.ts";

/** Who did something: a console user, or the system itself (seed, gateway). */
export interface Actor {
  id: string | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: "system" };

export interface AuditEntry {
  actor: Actor;
  action: string; // e.g. "route.create", "config.publish"
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  correlationId: string;
}

const json = (v: unknown) => (v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as object));

export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      id: newId("audit"),
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      correlationId: entry.correlationId,
    },
  });
}
