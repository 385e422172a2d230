import { getEscalation } from "@tta/db";
import { ZEscalationDetail, ZEscalationRef } from "@tta/domain";
import { clinicianProcedure } from "../../trpc.ts";

/** One event with its signals and timeline (any status). */
export const get = clinicianProcedure
  .input(ZEscalationRef)
  .output(ZEscalationDetail)
  .query(({ ctx, input }) => getEscalation(ctx.db, input.id));
