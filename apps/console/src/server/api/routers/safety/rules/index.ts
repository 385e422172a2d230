import { createTRPCRouter } from "../../../trpc.ts";
import { get } from "./get.ts";
import { test } from "./test.ts";
import { update } from "./update.ts";

export const safetyRulesRouter = createTRPCRouter({ get, update, test });
