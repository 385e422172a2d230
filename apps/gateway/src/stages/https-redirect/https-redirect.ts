// The last stage of the plain listener when GATEWAY_HTTP_REDIRECT is on: nothing is served over
// plain HTTP. GET and HEAD get 308 to the same host, path and query on the HTTPS port (a browser or
// a link that still says http://). Other methods get 403 GW_HTTPS_REQUIRED with the https:// address
// in details.location, not a redirect: their body has already crossed the network in the clear, and
// a redirect that works would teach the client to keep sending it so. A WebSocket upgrade gets the
// same 403 (WebSocket clients do not follow redirects). The host is the request's own, checked by
// request-framing before this stage runs; the port is the HTTPS listener's (none when it is 443).
import { requestHost } from "../../config/host-rule.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { ANSWERED, type Stage } from "../../pipeline/stage.ts";

export interface HttpsRedirectOptions {
  /** The port clients reach the HTTPS listener on. */
  httpsPort: number;
}

export function httpsLocation(hostHeader: string | undefined, url: string, httpsPort: number): string | null {
  const { name } = requestHost(hostHeader);
  if (!name) return null;
  const path = url.startsWith("/") ? url : "/";
  return `https://${name}${httpsPort === 443 ? "" : `:${httpsPort}`}${path}`;
}

export function httpsRedirect(options: HttpsRedirectOptions): Stage {
  const { httpsPort } = options;
  return function httpsRedirect(ctx) {
    const { req, res } = ctx;
    const location = httpsLocation(req.headers.host, req.url ?? "/", httpsPort);
    if (!location) {
      sendError(ctx, "GW_BAD_REQUEST", { message: "A Host header is needed to find the HTTPS address." });
      return ANSWERED;
    }
    if (!ctx.upgrade && (req.method === "GET" || req.method === "HEAD")) {
      const body = JSON.stringify({ location });
      res.writeHead(308, { location, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
      return ANSWERED;
    }
    sendError(ctx, "GW_HTTPS_REQUIRED", { details: { location } });
    return ANSWERED;
  };
}
