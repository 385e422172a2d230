// The identity the upstream receives. Every incoming header in the gateway's x-tta- namespace is
// removed first, on every route, so a client can never speak for the gateway; that includes the
// underscore spelling (x_tta_user_id), which CGI-style servers read as the same header.
import type { IncomingHttpHeaders } from "node:http";
import { IDENTITY_HEADERS } from "@tta/domain";
import type { AuthContext } from "./auth-context.ts";

const GATEWAY_NAMESPACE = /^x[-_]tta[-_]/;

export function stripGatewayHeaders(headers: IncomingHttpHeaders): void {
  // Names are lower-case here (node's parser); most do not start with "x": no regex for them.
  for (const name in headers) if (name.charCodeAt(0) === 120 && GATEWAY_NAMESPACE.test(name)) delete headers[name];
}

export function setIdentityHeaders(headers: IncomingHttpHeaders, auth: AuthContext): void {
  headers[IDENTITY_HEADERS.userId] = auth.userId;
  headers[IDENTITY_HEADERS.roles] = auth.roles.join(",");
  headers[IDENTITY_HEADERS.permissions] = auth.permissions.join(",");
  if (auth.clearance) headers[IDENTITY_HEADERS.clearance] = auth.clearance;
  if (auth.sessionId) headers[IDENTITY_HEADERS.sessionId] = auth.sessionId;
  headers[IDENTITY_HEADERS.authPolicy] = auth.policy;
}
