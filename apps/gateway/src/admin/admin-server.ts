// The admin listener, on its own port so that it never competes with proxied routes:
// GET /healthz (the process runs) and GET /readyz (a config is loaded; see readiness.ts), plus the
// endpoints handed in (metrics, live state and events, breaker commands; see README "Admin").
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody, newId } from "@tta/domain";
import type { Logger } from "pino";
import { SANE_REQUEST_ID } from "../http/request-id.ts";
import type { AdminEndpoint } from "./endpoint.ts";
import { readiness, type ReadinessSource } from "./readiness.ts";
import { sendJson } from "./send-json.ts";

export function createAdminHandler(
  source: ReadinessSource,
  endpoints: readonly AdminEndpoint[] = [],
  log?: Logger,
): (req: IncomingMessage, res: ServerResponse) => void {
  const byPath = new Map(endpoints.filter((e) => !e.path.endsWith("/*")).map((e) => [e.path, e]));
  const byPrefix = endpoints.filter((e) => e.path.endsWith("/*")).map((e) => ({ prefix: e.path.slice(0, -1), endpoint: e }));
  return function admin(req, res) {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const endpoint = byPath.get(path) ?? byPrefix.find((p) => path.startsWith(p.prefix))?.endpoint;
    if (endpoint) {
      serve(endpoint, req, res, log);
      return;
    }
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

function serve(endpoint: AdminEndpoint, req: IncomingMessage, res: ServerResponse, log: Logger | undefined): void {
  const incoming = req.headers["x-request-id"];
  const correlationId = typeof incoming === "string" && SANE_REQUEST_ID.test(incoming) ? incoming : newId("request");
  if (!endpoint.methods.includes(req.method ?? "GET")) {
    req.resume();
    sendJson(res, 405, errorBody("GW_METHOD_NOT_ALLOWED", correlationId), { allow: endpoint.methods.join(", ") });
    return;
  }
  Promise.resolve()
    .then(() => endpoint.handle(req, res, correlationId))
    .catch((error: unknown) => {
      log?.error({ err: error, path: endpoint.path, correlationId }, "admin endpoint failed");
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, errorBody("GW_INTERNAL", correlationId));
    });
}
