import { tracked } from "@trpc/server";
import { z } from "zod";
import { liveEvents } from "../../../live/event-stream.ts";
import { operationsProcedure } from "./procedure.ts";

/**
 * Every TLiveEvent of every gateway, as it happens (SSE through httpSubscriptionLink). Each event
 * is tracked with a console id, so a browser that reconnects resumes after the last one it got.
 * Events are validated with ZLiveEvent where they enter the console (LiveSource).
 */
export const events = operationsProcedure
  .input(z.object({ lastEventId: z.string().max(64).nullish() }).optional())
  .subscription(async function* ({ ctx, input, signal }) {
    for await (const { id, event } of liveEvents(ctx.live, signal, input?.lastEventId)) yield tracked(id, event);
  });
