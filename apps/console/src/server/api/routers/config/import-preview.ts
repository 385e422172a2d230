import { previewConfigImport } from "@tta/db";
import { ZConfigImportPreview, ZConfigImportPreviewInput } from "@tta/domain";
import { adminProcedure } from "../../trpc.ts";

/** Checks an uploaded configuration file and shows what it would change; changes nothing. A mutation only for its large input. */
export const importPreview = adminProcedure
  .input(ZConfigImportPreviewInput)
  .output(ZConfigImportPreview)
  .mutation(({ ctx, input }) => previewConfigImport(ctx.db, input.yaml));
