import { createTRPCRouter } from "../../trpc.ts";
import { check } from "./check.ts";
import { create } from "./create.ts";
import { remove } from "./delete.ts";
import { get } from "./get.ts";
import { list } from "./list.ts";
import { setEnabled } from "./set-enabled.ts";
import { update } from "./update.ts";

export const routesRouter = createTRPCRouter({ list, get, create, update, check, setEnabled, delete: remove });
