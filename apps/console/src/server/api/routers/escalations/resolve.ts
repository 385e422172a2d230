import { resolveEvent } from "@tta/db";
import { ZEscalationRef, ZEscalationSummary } from "@tta/domain";
import { clinicianProcedure } from "../../trpc.ts";

/** Closes an event (acknowledging it too if nobody had); audited. */
export const resolve = clinicianProcedure
  .input(ZEscalationRef)
  .output(ZEscalationSummary)
  .mutation(({ ctx, input }) => resolveEvent(ctx.db, input.id, ctx.change));
