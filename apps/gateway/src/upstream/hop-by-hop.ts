// Hop-by-hop headers describe one connection, not the message: they must not cross the gateway in
// either direction (RFC 9110 §7.6.1), and neither may any header the Connection header names.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

const ALWAYS = ["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade"];

/** The hop-by-hop names present in `headers`, transfer-encoding excluded (node frames bodies itself). */
export function hopByHopNames(headers: IncomingHttpHeaders): string[] {
  const names = ALWAYS.filter((name) => headers[name] !== undefined);
  const connection = headers.connection;
  if (connection) {
    for (const token of connection.split(",")) {
      const name = token.trim().toLowerCase();
      if (name && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** A copy of an upstream's response headers for the client: hop-by-hop ones and transfer-encoding removed. */
export function endToEndHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { ...headers };
  for (const name of hopByHopNames(headers)) delete out[name];
  delete out["transfer-encoding"];
  return out;
}
