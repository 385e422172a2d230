import { ZTrafficHistories, ZTrafficHistoryInput } from "@tta/domain";
import { readTrafficHistories } from "../../../gateway-admin/traffic-history.ts";
import { operationsProcedure } from "./procedure.ts";

/** The traffic roll-ups every gateway kept for one time range (5 min as published, 15 min, 1 h). */
export const trafficHistory = operationsProcedure
  .input(ZTrafficHistoryInput)
  .output(ZTrafficHistories)
  .query(({ ctx, input }) => readTrafficHistories({ live: ctx.live, urls: ctx.gatewayAdmin?.urls, token: ctx.gatewayAdmin?.token }, input.range));
