import { listUsers } from "@tta/db";
import { ZUserRecord } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

/** Admins only: the list shows everyone's email and roles. */
export const list = adminProcedure.output(z.array(ZUserRecord)).query(({ ctx }) => listUsers(ctx.db));
