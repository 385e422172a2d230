// RFC 9110 §13.1.2 / §13.1.3 evaluation of If-None-Match and If-Modified-Since for the origin,
// so a case can have its origin answer 304 the way a real one would.
import type { IncomingHttpHeaders } from "node:http";

function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, "");
}

/** True when the request's validators say the client already holds the representation. */
export function notModified(req: IncomingHttpHeaders, reply: Record<string, string | string[]>): boolean {
  const inm = req["if-none-match"];
  const etag = typeof reply["etag"] === "string" ? reply["etag"] : undefined;
  if (inm !== undefined) {
    if (inm.trim() === "*") return true;
    if (!etag) return false;
    return inm.split(",").some((t) => opaque(t) === opaque(etag));
  }
  const ims = req["if-modified-since"];
  const lm = typeof reply["last-modified"] === "string" ? reply["last-modified"] : undefined;
  if (ims === undefined || !lm) return false;
  const since = Date.parse(ims);
  const modified = Date.parse(lm);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}
