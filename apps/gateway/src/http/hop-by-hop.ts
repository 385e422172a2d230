// Hop-by-hop headers describe one connection, not the message: they must not cross the gateway in
// either direction (RFC 9110 §7.6.1), and neither may any header the Connection header names.
// On the request side they are removed at the edge, before any stage sets a header of its own, so
// that `Connection: x-tta-user-id` cannot remove the identity the gateway adds after verifying a
// token. A client's Connection header may only nominate extension headers: names that the gateway
// reads or sets end to end are never taken as hop-by-hop.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

const ALWAYS = ["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade"];

/** End-to-end headers a client's Connection header cannot nominate for removal. */
const NOT_NOMINABLE = /^(authorization|cookie|host|content-.+|transfer-encoding|expect|forwarded|x-forwarded-.+|x-real-ip|x-request-id|x[-_]tta[-_].*)$/;

/** The header names a Connection header nominates, lower-cased. */
function nominated(connection: string): string[] {
  const names: string[] = [];
  for (const token of connection.split(",")) {
    const name = token.trim().toLowerCase();
    if (name) names.push(name);
  }
  return names;
}

/** Removes a client's hop-by-hop headers from its request (before the gateway adds its own). */
export function stripRequestHopByHop(headers: IncomingHttpHeaders): void {
  if (headers.connection) for (const name of nominated(headers.connection)) if (!NOT_NOMINABLE.test(name)) delete headers[name];
  for (const name of ALWAYS) if (headers[name] !== undefined) delete headers[name];
}

const HOP_BY_HOP_RESPONSE: ReadonlySet<string> = new Set([...ALWAYS, "transfer-encoding"]);

/** A copy of an upstream's response headers for the client: hop-by-hop ones and transfer-encoding removed. */
export function endToEndHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name in headers) if (!HOP_BY_HOP_RESPONSE.has(name)) out[name] = headers[name];
  if (headers.connection) for (const name of nominated(headers.connection)) delete out[name];
  return out;
}
