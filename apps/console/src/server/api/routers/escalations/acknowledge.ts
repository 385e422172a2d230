import { acknowledgeEvent } from "@tta/db";
import { ZEscalationRef, ZEscalationSummary } from "@tta/domain";
import { clinicianProcedure } from "../../trpc.ts";

/** Takes an open event in hand (audited; CONFLICT when someone else was first). */
export const acknowledge = clinicianProcedure
  .input(ZEscalationRef)
  .output(ZEscalationSummary)
  .mutation(({ ctx, input }) => acknowledgeEvent(ctx.db, input.id, ctx.change));
