import { ZGatewayView } from "@tta/domain";
import { z } from "zod";
import { operationsProcedure } from "./procedure.ts";

/** Every live gateway, and those whose heartbeat stopped recently (stale: true). */
export const state = operationsProcedure.output(z.array(ZGatewayView)).query(({ ctx }) => ctx.live.state());
