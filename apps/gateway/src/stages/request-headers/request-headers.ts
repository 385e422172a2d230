// The request headers the gateway owns, settled at the edge before any stage adds its own: the
// client's hop-by-hop headers (and those its Connection header nominates) are removed, every
// header of the gateway's x-tta- namespace is removed (a client never speaks for the gateway), and
// the forwarding headers are the gateway's (a trusted proxy's chain is kept and appended to).
// Stages after this one add identity, escalation and routing headers knowing nothing removes them.
// A trusted proxy whose X-Forwarded-Proto says https makes the request a secure one (HSTS on its
// answer): the TLS was terminated in front of the gateway.
import { stripGatewayHeaders } from "../../auth/identity-headers.ts";
import type { IpSet } from "../../net/ip-set.ts";
import type { Stage } from "../../pipeline/stage.ts";
import { setForwardingHeaders } from "../../http/forwarded-headers.ts";
import { stripRequestHopByHop } from "../../http/hop-by-hop.ts";

export interface RequestHeadersOptions {
  /** GATEWAY_TRUSTED_PROXIES: peers whose forwarding headers are kept (null = none). */
  trustedProxies: IpSet | null;
}

export function requestHeaders(options: RequestHeadersOptions): Stage {
  const { trustedProxies } = options;
  return function requestHeaders(ctx, next) {
    const { req } = ctx;
    stripRequestHopByHop(req.headers);
    stripGatewayHeaders(req.headers);
    const proto = setForwardingHeaders(req, trustedProxies);
    if (!ctx.secure && proto.startsWith("https")) ctx.secure = true;
    return next();
  };
}
