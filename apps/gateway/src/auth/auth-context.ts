// Who made a request, as a verified token says: the auth context stages after authentication read,
// and the upstream receives as x-tta-* headers. Claim values that could not travel safely in a
// header (a comma in a role, a line break) are dropped, which can only take rights away.
import type { JWTPayload } from "jose";

export interface AuthContext {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
  /** The therapeutic clearance claim (tta_clearance), e.g. "clinical". */
  readonly clearance: string | null;
  /** The therapeutic session the token belongs to (tta_session). */
  readonly sessionId: string | null;
  /** The auth policy that verified the token. */
  readonly policy: string;
  /** exp, in ms since the epoch. */
  readonly expiresAt: number;
}

export const CLAIMS = { clearance: "tta_clearance", session: "tta_session" } as const;

const SUBJECT = /^[\x21-\x7e]{1,256}$/; // visible ASCII: an email, a URI, "auth0|123"
const ENTRY = /^[A-Za-z0-9._:/*@-]{1,64}$/; // a role or permission ("sessions:write")
const VALUE = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_ENTRIES = 64;

/** A claim by name, or by dotted path when no claim has that exact name ("realm_access.roles"). */
function claim(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split(".")) {
    if (!value || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** An array of strings, or one space-separated string (the OAuth "scope" style). */
function list(value: unknown): string[] {
  const items = typeof value === "string" ? value.split(" ") : Array.isArray(value) ? value : [];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === "string" && ENTRY.test(item) && !out.includes(item)) out.push(item);
    if (out.length === MAX_ENTRIES) break;
  }
  return out;
}

const single = (value: unknown) => (typeof value === "string" && VALUE.test(value) ? value : null);

/** null when the token names no usable subject (it is then refused as invalid). */
export function authContextFrom(payload: JWTPayload, policy: { name: string; rolesClaim: string; permissionsClaim: string }): AuthContext | null {
  if (typeof payload.sub !== "string" || !SUBJECT.test(payload.sub) || typeof payload.exp !== "number") return null;
  return Object.freeze({
    userId: payload.sub,
    roles: Object.freeze(list(claim(payload, policy.rolesClaim))),
    permissions: Object.freeze(list(claim(payload, policy.permissionsClaim))),
    clearance: single(payload[CLAIMS.clearance]),
    sessionId: single(payload[CLAIMS.session]),
    policy: policy.name,
    expiresAt: payload.exp * 1000,
  });
}
