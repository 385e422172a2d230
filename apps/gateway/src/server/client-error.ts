// Answers what node's HTTP parser refuses before any stage runs, as JSON with a code like every
// other answer: headers over maxHeaderSize (431 GW_HEADERS_TOO_LARGE), smuggling-shaped framing
// (400 GW_BAD_FRAMING), headers that did not arrive within headersTimeout (408
// GW_REQUEST_TIMEOUT: slow-header senders) and other malformed requests (400 GW_BAD_REQUEST). The connection is
// closed after it. Nothing is answered on a socket that is already gone or half written.
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { ERROR_CODES, errorBody, newId, type ErrorCode } from "@tta/domain";
import { HSTS_HEADER, SECURITY_HEADER_DEFAULTS } from "../http/header-plan.ts";

const REASONS: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" };
const lines = (entries: [string, string][]) => entries.map(([name, value]) => `${name}: ${value}\r\n`).join("");
const SECURITY_TLS = lines(Object.entries(SECURITY_HEADER_DEFAULTS));
const SECURITY_PLAIN = lines(Object.entries(SECURITY_HEADER_DEFAULTS).filter(([name]) => name !== HSTS_HEADER)); // no HSTS over plain HTTP

export function codeForParserError(code: string | undefined): ErrorCode | null {
  if (code === "HPE_HEADER_OVERFLOW") return "GW_HEADERS_TOO_LARGE";
  if (code === "HPE_UNEXPECTED_CONTENT_LENGTH" || code === "HPE_INVALID_CONTENT_LENGTH" || code === "HPE_INVALID_TRANSFER_ENCODING") return "GW_BAD_FRAMING";
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return "GW_REQUEST_TIMEOUT";
  if (code?.startsWith("HPE_")) return "GW_BAD_REQUEST";
  return null; // ECONNRESET and the like: nobody to answer
}

export function answerClientError(error: Error & { code?: string; bytesParsed?: number }, socket: Socket): void {
  const code = codeForParserError(error.code);
  if (!code || !socket.writable || (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const status = ERROR_CODES[code].status;
  const body = JSON.stringify(errorBody(code, newId("request")));
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? "Bad Request"}\r\n` +
      "content-type: application/json; charset=utf-8\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      "cache-control: no-store\r\n" +
      ((socket as TLSSocket).encrypted ? SECURITY_TLS : SECURITY_PLAIN) +
      "connection: close\r\n\r\n" +
      body,
  );
}
