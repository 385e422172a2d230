import type { IncomingMessage, ServerResponse } from "node:http";
import { ERROR_CODES, errorBody, type ErrorCode } from "@tta/domain";
import type { AdminToken } from "./admin-token.ts";
import { sendJson } from "./send-json.ts";

/** An admin refusal: JSON with the stable code and the correlation id (a 401 says how to authenticate). */
export function refuse(res: ServerResponse, code: ErrorCode, correlationId: string, message?: string, details?: unknown): void {
  const headers: Record<string, string> = code === "GW_ADMIN_UNAUTHORIZED" ? { "www-authenticate": 'Bearer realm="tta-gateway-admin"' } : {};
  sendJson(res, ERROR_CODES[code].status, errorBody(code, correlationId, message, details), headers);
}

/** The admin token's check for this access; when it fails the request is refused here (its body drained) and true is returned. */
export function deniedAccess(token: AdminToken, access: "read" | "write", req: IncomingMessage, res: ServerResponse, correlationId: string): boolean {
  const refused = token.check(req, access);
  if (!refused) return false;
  req.resume();
  refuse(res, refused, correlationId);
  return true;
}
