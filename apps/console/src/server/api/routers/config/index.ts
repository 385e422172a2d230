import { createTRPCRouter } from "../../trpc.ts";
import { publish } from "./publish.ts";
import { revision } from "./revision.ts";
import { revisions } from "./revisions.ts";
import { rollback } from "./rollback.ts";
import { status } from "./status.ts";

export const configRouter = createTRPCRouter({ status, publish, revisions, revision, rollback });
