// Resume tokens: "<sessionId>.<secret>", the secret kept only as its sha256, compared in constant
// time; and the `resume` / `offset` query parameters, which are the gateway's and never go upstream.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const hash = (secret: string) => createHash("sha256").update(secret).digest("base64url");

export function newResumeSecret(): { secret: string; hash: string } {
  const secret = randomBytes(24).toString("base64url");
  return { secret, hash: hash(secret) };
}

export function parseResumeToken(token: string): { sessionId: string; secret: string } | null {
  const dot = token.indexOf(".");
  if (dot <= 0 || dot === token.length - 1) return null;
  return { sessionId: token.slice(0, dot), secret: token.slice(dot + 1) };
}

export function secretMatches(tokenHash: string, secret: string): boolean {
  const a = Buffer.from(tokenHash);
  const b = Buffer.from(hash(secret));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `resume` and `offset` out of a path's query; `rest` is the path and query the upstream gets. */
export function resumeParams(url: string): { token: string | null; offset: number | null; rest: string } {
  const q = url.indexOf("?");
  if (q < 0) return { token: null, offset: null, rest: url };
  const params = new URLSearchParams(url.slice(q + 1));
  const token = params.get("resume");
  const raw = params.get("offset");
  params.delete("resume");
  params.delete("offset");
  const offset = raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  const query = params.toString();
  return { token, offset, rest: url.slice(0, q) + (query ? `?${query}` : "") };
}
