// What the gateway's spans say, following the OpenTelemetry HTTP semantic conventions where they
// have a name for it, `tta.*` otherwise. Names and attributes stay low in cardinality (route
// templates and service names, never raw paths in names) and carry no personal data: the path is
// PII-masked and sent without its query string.
import type { Attributes } from "@opentelemetry/api";
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
} from "@opentelemetry/semantic-conventions";
import { maskPii } from "@tta/safety";
import type { AttemptEnd, RequestEnd } from "./request-trace.ts";

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY"]);

/** A method the conventions know, else "_OTHER": a client cannot mint span names. */
export function spanMethod(method: string | undefined): string {
  return method && KNOWN_METHODS.has(method) ? method : "_OTHER";
}

/** The server span's name: "GET /players/:id/*" (the route's template), "GET" when no route matched. */
export function serverSpanName(method: string | undefined, route: RequestEnd["route"]): string {
  const m = spanMethod(method);
  return route ? `${m} ${route.pattern.source}` : m;
}

/** A client span's name: method and the upstream service ("GET players"). */
export function attemptSpanName(method: string | undefined, service: string): string {
  return `${spanMethod(method)} ${service}`;
}

/** Known when the request starts (set once it is sampled). */
export function requestAttributes(method: string | undefined, url: string | undefined): Attributes {
  const m = spanMethod(method);
  const raw = url ?? "/";
  const query = raw.indexOf("?");
  const attributes: Attributes = { [ATTR_HTTP_REQUEST_METHOD]: m, [ATTR_URL_PATH]: maskPii(query < 0 ? raw : raw.slice(0, query)) };
  if (m === "_OTHER" && method) attributes[ATTR_HTTP_REQUEST_METHOD_ORIGINAL] = method.slice(0, 32);
  return attributes;
}

/** Known when the answer is complete; `error` when the span's status is ERROR (a 5xx, or an answer cut short). */
export function requestEndAttributes(end: RequestEnd, attempts: number): { attributes: Attributes; error: boolean } {
  const attributes: Attributes = { "tta.request_id": end.requestId };
  if (end.status > 0) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = end.status;
  if (end.route) {
    attributes[ATTR_HTTP_ROUTE] = end.route.pattern.source;
    attributes["tta.route"] = end.route.name;
    attributes["tta.service"] = end.route.service.name;
  }
  if (attempts > 0) attributes["tta.upstream.attempts"] = attempts;
  let error = false;
  if (end.status >= 500) {
    attributes[ATTR_ERROR_TYPE] = String(end.status);
    error = true;
  } else if (end.status === 0) attributes[ATTR_ERROR_TYPE] = "client_gone"; // the client left before any answer: not the gateway's failure
  else if (!end.complete) {
    attributes[ATTR_ERROR_TYPE] = "answer_cut"; // headers out, body cut (upstream or transform failed, or the client left)
    error = true;
  }
  return { attributes, error };
}

/** Known when the attempt starts. */
export function attemptAttributes(number: number, method: string | undefined): Attributes {
  const attributes: Attributes = { [ATTR_HTTP_REQUEST_METHOD]: spanMethod(method), "tta.attempt": number };
  if (number > 1) attributes[ATTR_HTTP_REQUEST_RESEND_COUNT] = number - 1;
  return attributes;
}

/** Known when the attempt ended; `error` for a failure or a 5xx. */
export function attemptEndAttributes(end: AttemptEnd): { attributes: Attributes; error: boolean } {
  const attributes: Attributes = {};
  if (end.instance) {
    attributes[ATTR_SERVER_ADDRESS] = end.instance.hostname.replace(/^\[|\]$/g, "");
    attributes[ATTR_SERVER_PORT] = end.instance.port ? Number(end.instance.port) : end.instance.protocol === "https:" || end.instance.protocol === "wss:" ? 443 : 80;
  }
  if (end.bypass) attributes["tta.breaker.bypass"] = true;
  if (end.status !== undefined) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = end.status;
  if (end.error !== undefined) {
    attributes[ATTR_ERROR_TYPE] = end.error;
    return { attributes, error: end.error !== "client_gone" };
  }
  if (end.status !== undefined && end.status >= 500) {
    attributes[ATTR_ERROR_TYPE] = String(end.status);
    return { attributes, error: true };
  }
  return { attributes, error: false };
}
