// POST /breakers: one TBreakerCommand for this gateway ({service, instance, action, correlationId?});
// answers the TBreakerCommandAck. Needs the admin token; disabled when none is configured.
import { toFieldErrors, ZBreakerCommandInput } from "@tta/domain";
import { z } from "zod";
import type { LiveService } from "../live/live-service.ts";
import type { AdminToken } from "./admin-token.ts";
import type { AdminEndpoint } from "./endpoint.ts";
import { BodyError, readJson } from "./read-json.ts";
import { deniedAccess, refuse } from "./refuse.ts";
import { sendJson } from "./send-json.ts";

const MAX_BODY_BYTES = 16 * 1024;
const ZBody = ZBreakerCommandInput.extend({ correlationId: z.string().min(1).max(128).optional() });

export function breakersEndpoint(live: LiveService, token: AdminToken): AdminEndpoint {
  return {
    path: "/breakers",
    methods: ["POST"],
    async handle(req, res, correlationId) {
      if (deniedAccess(token, "write", req, res, correlationId)) return;
      let parsed: unknown;
      try {
        parsed = await readJson(req, MAX_BODY_BYTES);
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        if (error.tooLarge) res.shouldKeepAlive = false;
        return refuse(res, "GW_BAD_REQUEST", correlationId, error.message);
      }
      const body = ZBody.safeParse(parsed);
      if (!body.success) return refuse(res, "GW_BAD_REQUEST", correlationId, "The breaker command is not valid.", { fields: toFieldErrors(body.error) });
      sendJson(res, 200, live.applyCommand({ ...body.data, correlationId: body.data.correlationId ?? correlationId }));
    },
  };
}
