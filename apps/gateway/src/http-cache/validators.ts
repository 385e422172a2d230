// Validation (RFC 9111 §4.3, RFC 9110 §13): the conditional request the cache sends upstream for a
// stored answer, whether a client's own conditional request can be answered 304 from a stored
// answer, and a stored answer's headers refreshed by a 304.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { httpDate, type StoredHeaders } from "./freshness.ts";

const one = (value: string | readonly string[] | undefined) => (Array.isArray(value) ? value[0] : (value as string | undefined));

export function hasValidator(headers: StoredHeaders): boolean {
  return headers.etag !== undefined || headers["last-modified"] !== undefined;
}

/** The validators to revalidate a stored answer with (§4.3.1). */
export function conditionalHeaders(headers: StoredHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  const etag = one(headers.etag);
  if (etag) out["if-none-match"] = etag;
  const lastModified = one(headers["last-modified"]);
  if (lastModified) out["if-modified-since"] = lastModified;
  return out;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, "");

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison. */
function noneMatch(header: string, etag: string | undefined): boolean {
  if (header.trim() === "*") return etag !== undefined;
  if (!etag) return false;
  const stored = opaque(etag);
  return header.split(",").some((tag) => opaque(tag) === stored);
}

/** A client's conditional GET or HEAD that the stored answer satisfies with 304 (RFC 9110 §13.2.2). */
export function notModified(request: IncomingHttpHeaders, stored: StoredHeaders): boolean {
  const inm = request["if-none-match"];
  if (inm !== undefined) return noneMatch(inm, one(stored.etag));
  const ims = httpDate(request["if-modified-since"]);
  if (ims === null) return false;
  const lastModified = httpDate(stored["last-modified"]) ?? httpDate(stored.date);
  return lastModified !== null && lastModified <= ims;
}

/** §15.4.5 of RFC 9110: what a 304 carries of the stored answer's headers. */
const NOT_MODIFIED_FIELDS = ["cache-control", "content-location", "date", "etag", "expires", "vary", "last-modified"];

export function notModifiedHeaders(stored: StoredHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name of NOT_MODIFIED_FIELDS) if (stored[name] !== undefined) out[name] = stored[name] as string | string[];
  return out;
}

/** Never taken from a 304 into the stored answer (§3.2): its length, and what describes the body. */
const KEPT_FROM_STORED = new Set(["content-length", "content-encoding", "content-type", "content-range", "transfer-encoding"]);

/** The stored answer's headers updated with those of the 304 that validated it (§3.2, §4.3.4). */
export function refreshedHeaders(stored: StoredHeaders, fromNotModified: OutgoingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(stored)) if (value !== undefined) out[name] = value as string | string[];
  for (const [name, value] of Object.entries(fromNotModified)) {
    if (value === undefined || KEPT_FROM_STORED.has(name) || name === "set-cookie") continue;
    out[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
}
