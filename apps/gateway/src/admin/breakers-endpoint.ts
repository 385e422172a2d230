// POST /breakers: one TBreakerCommand for this gateway ({service, instance, action, correlationId?});
// answers the TBreakerCommandAck. Needs the admin token; disabled when none is configured.
import type { IncomingMessage } from "node:http";
import { toFieldErrors, ZBreakerCommandInput } from "@tta/domain";
import { z } from "zod";
import type { LiveService } from "../live/live-service.ts";
import type { AdminToken } from "./admin-token.ts";
import type { AdminEndpoint } from "./endpoint.ts";
import { refuse } from "./refuse.ts";
import { sendJson } from "./send-json.ts";

const MAX_BODY_BYTES = 16 * 1024;
const ZBody = ZBreakerCommandInput.extend({ correlationId: z.string().min(1).max(128).optional() });

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function breakersEndpoint(live: LiveService, token: AdminToken): AdminEndpoint {
  return {
    path: "/breakers",
    methods: ["POST"],
    async handle(req, res, correlationId) {
      const refused = token.check(req, "write");
      if (refused) {
        req.resume();
        return refuse(res, refused, correlationId);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readBody(req));
      } catch (error) {
        const message = error instanceof BodyTooLarge ? `The body is larger than ${MAX_BODY_BYTES} bytes.` : "The body is not JSON.";
        if (error instanceof BodyTooLarge) res.shouldKeepAlive = false;
        return refuse(res, "GW_BAD_REQUEST", correlationId, message);
      }
      const body = ZBody.safeParse(parsed);
      if (!body.success) return refuse(res, "GW_BAD_REQUEST", correlationId, "The breaker command is not valid.", { fields: toFieldErrors(body.error) });
      sendJson(res, 200, live.applyCommand({ ...body.data, correlationId: body.data.correlationId ?? correlationId }));
    },
  };
}
