import type { ServerResponse } from "node:http";
import { ERROR_CODES, errorBody, type ErrorCode } from "@tta/domain";
import { sendJson } from "./send-json.ts";

/** An admin refusal: JSON with the stable code and the correlation id (a 401 says how to authenticate). */
export function refuse(res: ServerResponse, code: ErrorCode, correlationId: string, message?: string, details?: unknown): void {
  const headers: Record<string, string> = code === "GW_ADMIN_UNAUTHORIZED" ? { "www-authenticate": 'Bearer realm="tta-gateway-admin"' } : {};
  sendJson(res, ERROR_CODES[code].status, errorBody(code, correlationId, message, details), headers);
}
