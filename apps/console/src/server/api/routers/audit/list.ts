import { listAuditLog } from "@tta/db";
import { ZAuditFilter, ZAuditPage } from "@tta/domain";
import { adminProcedure } from "../../trpc.ts";

/** One page of the audit log, newest first, filtered; `nextCursor` asks for the page after. */
export const list = adminProcedure
  .input(ZAuditFilter)
  .output(ZAuditPage)
  .query(({ ctx, input }) => listAuditLog(ctx.db, input));
