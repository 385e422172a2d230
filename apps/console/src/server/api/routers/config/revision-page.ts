import { listRevisionPage } from "@tta/db";
import { ZRevisionPage, ZRevisionPageInput } from "@tta/domain";
import { authedProcedure } from "../../trpc.ts";

/** The history table's page: searched, sorted and counted on the server. */
export const revisionPage = authedProcedure
  .input(ZRevisionPageInput)
  .output(ZRevisionPage)
  .query(({ ctx, input }) => listRevisionPage(ctx.db, input));
