// The registration API's Bearer token (GATEWAY_REGISTRATION_TOKEN). Both sides are hashed first
// so that the comparison is constant-time whatever the lengths. Without a token registration is
// off (503): an open registry would let anyone put an instance into rotation.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ErrorCode } from "@tta/domain";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

export interface RegistrationToken {
  readonly configured: boolean;
  /** null = allowed; otherwise the error to answer with. */
  check(req: IncomingMessage): ErrorCode | null;
}

export function registrationToken(token: string | undefined): RegistrationToken {
  const expected = token ? digest(token) : null;
  return {
    configured: expected !== null,
    check(req) {
      if (!expected) return "GW_REGISTRATION_DISABLED";
      const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? "");
      if (!match || !timingSafeEqual(digest(match[1]!), expected)) return "GW_REGISTRATION_UNAUTHORIZED";
      return null;
    },
  };
}
