// Where a token may come from: `Authorization: Bearer` for HTTP requests; for WebSocket upgrades,
// where browsers cannot set headers, a `bearer.<token>` subprotocol or a cookie. Never the query
// string: URLs end up in logs and browser history.
import type { IncomingHttpHeaders } from "node:http";

const MAX_TOKEN_LENGTH = 8_192;
const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export type TokenLookup = { kind: "none" } | { kind: "token"; token: string } | { kind: "malformed" };

const NONE: TokenLookup = { kind: "none" };
const MALFORMED: TokenLookup = { kind: "malformed" };

function check(token: string): TokenLookup {
  return token.length <= MAX_TOKEN_LENGTH && JWS_COMPACT.test(token) ? { kind: "token", token } : MALFORMED;
}

export function bearerToken(headers: IncomingHttpHeaders): TokenLookup {
  const value = headers.authorization;
  if (!value) return NONE;
  const space = value.indexOf(" ");
  if (space === -1 || value.slice(0, space).toLowerCase() !== "bearer") return NONE; // another scheme is not ours
  return check(value.slice(space + 1).trim());
}

/** For upgrades: the bearer header, else `Sec-WebSocket-Protocol: bearer.<token>`, else the cookie. */
export function upgradeToken(headers: IncomingHttpHeaders, cookieName = "tta_access_token"): TokenLookup {
  const bearer = bearerToken(headers);
  if (bearer.kind !== "none") return bearer;
  for (const protocol of (headers["sec-websocket-protocol"] ?? "").split(",")) {
    const p = protocol.trim();
    if (p.startsWith("bearer.")) return check(p.slice("bearer.".length));
  }
  for (const pair of (headers.cookie ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq !== -1 && pair.slice(0, eq).trim() === cookieName) return check(pair.slice(eq + 1).trim());
  }
  return NONE;
}
