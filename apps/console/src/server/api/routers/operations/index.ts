import { createTRPCRouter } from "../../trpc.ts";
import { events } from "./events.ts";
import { forceBreaker } from "./force-breaker.ts";
import { state } from "./state.ts";
import { trafficHistory } from "./traffic-history.ts";

export const operationsRouter = createTRPCRouter({ state, events, forceBreaker, trafficHistory });
