import { escalationHistoryOptions } from "@tta/db";
import { ZEscalationHistoryOptions } from "@tta/domain";
import { clinicianProcedure } from "../../trpc.ts";

/** The categories, routes and assignees found among resolved events, for the history's filter form. */
export const historyOptions = clinicianProcedure.output(ZEscalationHistoryOptions).query(({ ctx }) => escalationHistoryOptions(ctx.db));
