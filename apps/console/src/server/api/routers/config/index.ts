import { createTRPCRouter } from "../../trpc.ts";
import { changes } from "./changes.ts";
import { exportFile } from "./export-file.ts";
import { importApply } from "./import-apply.ts";
import { importPreview } from "./import-preview.ts";
import { publish } from "./publish.ts";
import { revision } from "./revision.ts";
import { revisionPage } from "./revision-page.ts";
import { rollback } from "./rollback.ts";
import { status } from "./status.ts";

export const configRouter = createTRPCRouter({ status, publish, revision, revisionPage, rollback, changes, exportFile, importPreview, importApply });
