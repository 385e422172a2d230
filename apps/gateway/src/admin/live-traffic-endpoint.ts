// GET /live/traffic?range=5m|15m|1h: the traffic roll-ups this gateway keeps for the console's time
// ranges (TTrafficHistory), so that a page opened now can draw the last hour.
import { errorBody, ZTrafficRange } from "@tta/domain";
import type { LiveService } from "../live/live-service.ts";
import type { AdminToken } from "./admin-token.ts";
import type { AdminEndpoint } from "./endpoint.ts";
import { refuse } from "./refuse.ts";
import { sendJson } from "./send-json.ts";

export function liveTrafficEndpoint(live: LiveService, token: AdminToken): AdminEndpoint {
  return {
    path: "/live/traffic",
    methods: ["GET"],
    handle(req, res, correlationId) {
      const refused = token.check(req, "read");
      if (refused) return refuse(res, refused, correlationId);
      const asked = new URL(req.url ?? "/", "http://admin").searchParams.get("range") ?? "5m";
      const range = ZTrafficRange.safeParse(asked);
      if (!range.success) {
        const message = `range must be one of ${ZTrafficRange.options.join(", ")}`;
        sendJson(res, 400, errorBody("GW_BAD_REQUEST", correlationId, message, { issues: [{ path: ["range"], message }] }));
        return;
      }
      sendJson(res, 200, live.trafficHistory(range.data));
    },
  };
}
