// The demo auth service's HTTP side (the gateway routes /api/auth/* here, rewritten to /auth/*):
//   GET  /.well-known/jwks.json        the public key (the gateway fetches it directly)
//   POST /auth/login    {"username"}    -> token pair (demo users: player, clinician, admin)
//   POST /auth/refresh  {"refreshToken"} -> a new pair; the old refresh token is spent
//   POST /auth/logout   {"refreshToken"} -> 204; the sign-in's refresh tokens stop working
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerUnreadable, readJsonObject } from "../body.ts";
import type { TokenIssuer } from "./token-issuer.ts";
import { DEMO_USERS } from "./users.ts";

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

const BODY_LIMIT = 8_192;

/** Handles the auth paths; false for any other path (the echo answers those). */
export async function handleAuth(issuer: TokenIssuer, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (path === "/.well-known/jwks.json" && req.method === "GET") {
    send(res, 200, issuer.jwks());
    return true;
  }
  if (!["/auth/login", "/auth/refresh", "/auth/logout"].includes(path)) return false;
  if (req.method !== "POST") {
    send(res, 405, { error: "method_not_allowed", message: "use POST" });
    return true;
  }
  const read = await readJsonObject(req, BODY_LIMIT);
  if (!read.ok) {
    if (read.reason === "invalid-json") send(res, 400, { error: "invalid_request", message: "send a JSON object" });
    else answerUnreadable(res, read.reason, BODY_LIMIT);
    return true;
  }
  const body = read.value;
  if (path === "/auth/login") {
    const pair = typeof body.username === "string" ? await issuer.login(body.username) : null;
    if (pair) send(res, 200, pair);
    else send(res, 401, { error: "invalid_grant", message: `unknown demo user; try one of ${Object.keys(DEMO_USERS).join(", ")}` });
    return true;
  }
  if (typeof body.refreshToken !== "string") {
    send(res, 400, { error: "invalid_request", message: "refreshToken is required" });
    return true;
  }
  if (path === "/auth/logout") {
    issuer.logout(body.refreshToken);
    res.writeHead(204).end();
    return true;
  }
  const result = await issuer.refreshPair(body.refreshToken);
  if (result.ok) send(res, 200, result.pair);
  else send(res, 401, { error: "invalid_grant", message: result.reason === "reused" ? "refresh token already used: sign in again" : "refresh token not valid: sign in again" });
  return true;
}
