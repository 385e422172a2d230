// GET /live/state: this gateway's TGatewayLiveState (heartbeat, instances, last roll-up).
import type { LiveService } from "../live/live-service.ts";
import type { AdminToken } from "./admin-token.ts";
import type { AdminEndpoint } from "./endpoint.ts";
import { refuse } from "./refuse.ts";
import { sendJson } from "./send-json.ts";

export function liveStateEndpoint(live: LiveService, token: AdminToken): AdminEndpoint {
  return {
    path: "/live/state",
    methods: ["GET"],
    handle(req, res, correlationId) {
      const refused = token.check(req, "read");
      if (refused) return refuse(res, refused, correlationId);
      sendJson(res, 200, live.state());
    },
  };
}
