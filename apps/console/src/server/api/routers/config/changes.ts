import { workingChanges } from "@tta/db";
import { ZWorkingChanges } from "@tta/domain";
import { authedProcedure } from "../../trpc.ts";

/** The routes, policies and services a publish would change: the list pages mark their rows. */
export const changes = authedProcedure.output(ZWorkingChanges).query(({ ctx }) => workingChanges(ctx.db));
