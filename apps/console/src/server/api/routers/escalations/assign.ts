import { assignEvent } from "@tta/db";
import { ZEscalationAssign, ZEscalationSummary } from "@tta/domain";
import { clinicianProcedure } from "../../trpc.ts";

/** Assigns an unresolved event to an active clinician ("Assign to me" sends the caller's id); audited. */
export const assign = clinicianProcedure
  .input(ZEscalationAssign)
  .output(ZEscalationSummary)
  .mutation(({ ctx, input }) => assignEvent(ctx.db, input.id, input.assigneeId, ctx.change));
