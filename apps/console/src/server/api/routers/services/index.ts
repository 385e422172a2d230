// The upstream services of the working configuration and their static instances: every signed-in
// role reads them, admins change them; they reach the gateways through the publish flow like routes.
import { createTRPCRouter } from "../../trpc.ts";
import { check } from "./check.ts";
import { create } from "./create.ts";
import { remove } from "./delete.ts";
import { get } from "./get.ts";
import { list } from "./list.ts";
import { update } from "./update.ts";

export const servicesRouter = createTRPCRouter({ list, get, create, update, check, delete: remove });
