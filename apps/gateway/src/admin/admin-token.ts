// Bearer-token check for the admin API (GATEWAY_ADMIN_TOKEN). Both sides are hashed first so the
// comparison is constant-time whatever the lengths. No token configured: mutations are disabled,
// reads stay open (loopback standalone use); with a token, reads need it too.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ErrorCode } from "@tta/domain";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

export interface AdminToken {
  readonly configured: boolean;
  /** null = allowed; otherwise the error to answer with. */
  check(req: IncomingMessage, access: "read" | "write"): ErrorCode | null;
}

export function adminToken(token: string | undefined): AdminToken {
  const expected = token ? digest(token) : null;
  return {
    configured: expected !== null,
    check(req, access) {
      if (!expected) return access === "read" ? null : "GW_ADMIN_DISABLED";
      const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? "");
      if (!match) return "GW_ADMIN_UNAUTHORIZED";
      return timingSafeEqual(digest(match[1]!), expected) ? null : "GW_ADMIN_FORBIDDEN";
    },
  };
}
