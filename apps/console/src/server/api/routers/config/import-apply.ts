import { applyConfigImport } from "@tta/db";
import { ZConfigImportApplyInput, ZConfigImportResult } from "@tta/domain";
import { adminProcedure } from "../../trpc.ts";

/** Replaces the working copy with an uploaded file, and publishes it in the same transaction when asked. */
export const importApply = adminProcedure
  .input(ZConfigImportApplyInput)
  .output(ZConfigImportResult)
  .mutation(({ ctx, input }) => applyConfigImport(ctx.db, { ...ctx.change, ...input }));
