import { createTRPCRouter } from "../../trpc.ts";
import { safetyRulesRouter } from "./rules/index.ts";

export const safetyRouter = createTRPCRouter({ rules: safetyRulesRouter });
