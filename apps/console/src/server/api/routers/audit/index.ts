import { createTRPCRouter } from "../../trpc.ts";
import { list } from "./list.ts";

export const auditRouter = createTRPCRouter({ list });
