import { addEventNote } from "@tta/db";
import { ZEscalationNote, ZEscalationSummary } from "@tta/domain";
import { clinicianProcedure } from "../../trpc.ts";

/** A clinician's note on an event (resolved ones too); the audit row holds a PII-masked copy. */
export const addNote = clinicianProcedure
  .input(ZEscalationNote)
  .output(ZEscalationSummary)
  .mutation(({ ctx, input }) => addEventNote(ctx.db, input.id, input.body, ctx.change));
