// The admin listener, on its own port so that it never competes with proxied routes:
// GET /healthz (the process runs) and GET /readyz (a config is loaded; see readiness.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody, newId } from "@tta/domain";
import { readiness, type ReadinessSource } from "./readiness.ts";
import { sendJson } from "./send-json.ts";

export function createAdminHandler(source: ReadinessSource): (req: IncomingMessage, res: ServerResponse) => void {
  return function admin(req, res) {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/healthz" && path !== "/readyz") {
      sendJson(res, 404, errorBody("GW_ROUTE_NOT_FOUND", newId("request")));
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendJson(res, 405, errorBody("GW_METHOD_NOT_ALLOWED", newId("request")), { allow: "GET, HEAD" });
      return;
    }
    if (path === "/healthz") {
      sendJson(res, 200, { status: "ok", instanceId: source.instanceId });
      return;
    }
    const ready = readiness(source);
    sendJson(res, ready.httpStatus, ready.body);
  };
}
