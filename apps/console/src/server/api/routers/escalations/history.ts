import { listEscalationHistory } from "@tta/db";
import { ZEscalationHistoryFilter, ZEscalationHistoryPage } from "@tta/domain";
import { clinicianProcedure } from "../../trpc.ts";

/** Resolved events, most recently resolved first, filtered; `nextCursor` asks for the page after. */
export const history = clinicianProcedure
  .input(ZEscalationHistoryFilter)
  .output(ZEscalationHistoryPage)
  .query(({ ctx, input }) => listEscalationHistory(ctx.db, input));
