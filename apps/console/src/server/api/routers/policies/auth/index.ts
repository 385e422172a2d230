import { createTRPCRouter } from "../../../trpc.ts";
import { check } from "./check.ts";
import { create } from "./create.ts";
import { remove } from "./delete.ts";
import { get } from "./get.ts";
import { list } from "./list.ts";
import { update } from "./update.ts";

export const authPoliciesRouter = createTRPCRouter({ list, get, create, update, check, delete: remove });
