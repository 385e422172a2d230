import { EVENT_ACTIONS, recordSessionStep } from "@tta/db";
import { ZSessionMessageInput, ZSessionMessageSent } from "@tta/domain";
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { messageSentDetail } from "../../../live-session/audit-detail.ts";
import { LiveSessionError, type LiveSessionProblemCode } from "../../../live-session/errors.ts";
import { sendSessionMessage } from "../../../live-session/gateway-session.ts";
import { loadSessionTarget } from "../../../live-session/target.ts";
import { clinicianProcedure } from "../../trpc.ts";

const TRPC_CODE: Record<LiveSessionProblemCode, TRPC_ERROR_CODE_KEY> = {
  not_websocket: "PRECONDITION_FAILED",
  no_session: "PRECONDITION_FAILED",
  session_gone: "NOT_FOUND",
  no_gateway: "SERVICE_UNAVAILABLE",
  gateway_refused: "BAD_GATEWAY",
  gateway_timeout: "GATEWAY_TIMEOUT",
  stream_lost: "BAD_GATEWAY",
};

/**
 * Sends the player of a WebSocket event's session a message from the signed-in clinician (the
 * gateway delivers it as `{type: "message", from: "clinician"}`, or keeps it for resume). Audited
 * once it is sent, "session.message_sent" with its length, never its text: sending first means
 * no audit row claims a message the player never got, at the cost of a message without its row
 * should the database fail in between (the call then fails, with its correlation id).
 */
export const sendMessage = clinicianProcedure
  .input(ZSessionMessageInput)
  .output(ZSessionMessageSent)
  .mutation(async ({ ctx, input }) => {
    const access = { live: ctx.live, urls: ctx.gatewayAdmin?.urls, token: ctx.gatewayAdmin?.token };
    try {
      const target = await loadSessionTarget(ctx.db, input.id);
      const sent = await sendSessionMessage(access, target, { text: input.text, from: { id: ctx.user.id, label: ctx.user.name } }, ctx.correlationId);
      await recordSessionStep(ctx.db, target.eventId, ctx.change, EVENT_ACTIONS.sessionMessageSent, messageSentDetail({ ...sent, text: input.text }));
      return { sessionId: sent.sessionId, offset: sent.offset, sentAt: new Date() };
    } catch (error) {
      if (error instanceof LiveSessionError) throw new TRPCError({ code: TRPC_CODE[error.code], message: error.message, cause: error });
      throw error;
    }
  });
