import { tracked, TRPCError } from "@trpc/server";
import { z } from "zod";
import { liveEvents } from "../../../live/event-stream.ts";
import { clinicianProcedure } from "../../trpc.ts";

/**
 * Changes of therapeutic events as they are committed (SSE): `{type: "event", eventId}`, or
 * `{type: "resync"}` first and whenever some may have been missed. Ids only: the browser reloads
 * the queue. Tracked, so a browser that comes back with its last id gets the buffered ones after it.
 */
export const live = clinicianProcedure
  .input(z.object({ lastEventId: z.string().max(64).nullish() }).optional())
  .subscription(async function* ({ ctx, input, signal }) {
    if (!ctx.escalations) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "No escalation feed is configured for this console." });
    for await (const { id, event } of liveEvents(ctx.escalations, signal, input?.lastEventId)) yield tracked(id, event);
  });
