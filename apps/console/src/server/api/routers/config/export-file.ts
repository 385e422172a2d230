import { exportConfigFile } from "@tta/db";
import { ZConfigFileExport, ZConfigFileExportInput } from "@tta/domain";
import { roleProcedure } from "../../trpc.ts";

/**
 * The working copy, or a published revision, as a configuration file (YAML) for the browser to
 * save. Admins and operators: the file is the whole configuration, safety rules included, which
 * clinicians only see as counts.
 */
export const exportFile = roleProcedure("admin", "operator")
  .input(ZConfigFileExportInput)
  .output(ZConfigFileExport)
  .query(({ ctx, input }) => exportConfigFile(ctx.db, input.revision === undefined ? "working" : { revision: input.revision }));
