// What a clinician does with an escalated event: acknowledge, assign, add a note, resolve. Each is
// one transaction (change + audit row + NOTIFY, see change.ts). A step the event's state no longer
// allows (someone was first) is a ConflictError; notes may still be added to a resolved event.
import { newId, type TEscalationSummary } from "@tta/domain";
import { maskPii } from "@tta/safety";
import type { Db } from "../client.ts";
import type { ChangeContext } from "../config/routes.ts";
import { ConfigValidationError, ConflictError } from "../errors.ts";
import { finishStep, lockEvent, stateSelect } from "./change.ts";
import { EVENT_ACTIONS } from "./timeline.ts";

export function acknowledgeEvent(db: Db, id: string, ctx: ChangeContext): Promise<TEscalationSummary> {
  return db.$transaction(async (tx) => {
    const before = await lockEvent(tx, id);
    if (before.status !== "open") throw new ConflictError(`This event was already ${before.status}.`);
    const after = await tx.therapeuticEvent.update({ where: { id }, data: { status: "acknowledged", acknowledgedAt: new Date() }, select: stateSelect });
    return finishStep(tx, id, ctx, { action: EVENT_ACTIONS.acknowledge, before, after });
  });
}

/** Assigns the event to an active clinician (the console's "Assign to me" sends the caller's id). */
export function assignEvent(db: Db, id: string, assigneeId: string, ctx: ChangeContext): Promise<TEscalationSummary> {
  return db.$transaction(async (tx) => {
    const before = await lockEvent(tx, id);
    if (before.status === "resolved") throw new ConflictError("This event is resolved; it can no longer be assigned.");
    if (before.assigneeId === assigneeId) throw new ConflictError("This event is already assigned to this clinician.");
    const assignee = await tx.user.findUnique({ where: { id: assigneeId }, select: { id: true, name: true, email: true, roles: true, disabled: true } });
    if (!assignee || assignee.disabled || !assignee.roles.includes("clinician")) {
      throw new ConfigValidationError([{ path: "assigneeId", message: "events can only be assigned to an active clinician" }]);
    }
    const after = await tx.therapeuticEvent.update({ where: { id }, data: { assigneeId }, select: stateSelect });
    const person = { id: assignee.id, name: assignee.name, email: assignee.email };
    return finishStep(tx, id, ctx, { action: EVENT_ACTIONS.assign, before, after: { ...after, assignee: person } });
  });
}

/** The note is kept as written for clinicians; its audit row gets a PII-masked copy. */
export function addEventNote(db: Db, id: string, body: string, ctx: ChangeContext): Promise<TEscalationSummary> {
  return db.$transaction(async (tx) => {
    await lockEvent(tx, id);
    const note = await tx.eventNote.create({ data: { id: newId("note"), eventId: id, authorId: ctx.actor.id, body }, select: { id: true } });
    return finishStep(tx, id, ctx, { action: EVENT_ACTIONS.addNote, before: null, after: { noteId: note.id, body: maskPii(body) } });
  });
}

/** Resolving an event nobody acknowledged acknowledges it at the same time. */
export function resolveEvent(db: Db, id: string, ctx: ChangeContext): Promise<TEscalationSummary> {
  return db.$transaction(async (tx) => {
    const before = await lockEvent(tx, id);
    if (before.status === "resolved") throw new ConflictError("This event was already resolved.");
    const now = new Date();
    const after = await tx.therapeuticEvent.update({
      where: { id },
      data: { status: "resolved", resolvedAt: now, acknowledgedAt: before.acknowledgedAt ?? now },
      select: stateSelect,
    });
    return finishStep(tx, id, ctx, { action: EVENT_ACTIONS.resolve, before, after });
  });
}
