import { createTRPCRouter } from "../../trpc.ts";
import { changes } from "./changes.ts";
import { publish } from "./publish.ts";
import { revision } from "./revision.ts";
import { revisionPage } from "./revision-page.ts";
import { revisions } from "./revisions.ts";
import { rollback } from "./rollback.ts";
import { status } from "./status.ts";

export const configRouter = createTRPCRouter({ status, publish, revisions, revision, rollback, changes, revisionPage });
