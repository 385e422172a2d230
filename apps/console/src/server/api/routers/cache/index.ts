import { createTRPCRouter } from "../../trpc.ts";
import { purge } from "./purge.ts";

export const cacheRouter = createTRPCRouter({ purge });
