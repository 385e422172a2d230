import { configStatus } from "@tta/db";
import { ZConfigStatus } from "@tta/domain";
import { authedProcedure } from "../../trpc.ts";

/** The newest revision, and whether the working tables have changes nobody published yet. */
export const status = authedProcedure.output(ZConfigStatus).query(({ ctx }) => configStatus(ctx.db));
