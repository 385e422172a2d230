// X-Forwarded-* for the upstream. X-Forwarded-For is appended to (the client's own chain is kept,
// for whoever trusts it); proto and host describe the connection this gateway received.
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

export function appendForwardedFor(existing: string | string[] | undefined, remote: string | undefined): string | undefined {
  const chain = Array.isArray(existing) ? existing.join(", ") : existing?.trim();
  if (!remote) return chain || undefined;
  return chain ? `${chain}, ${remote}` : remote;
}

export function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {
    "x-forwarded-proto": (req.socket as TLSSocket).encrypted ? "https" : "http",
  };
  const forwardedFor = appendForwardedFor(req.headers["x-forwarded-for"], req.socket.remoteAddress);
  if (forwardedFor) out["x-forwarded-for"] = forwardedFor;
  if (req.headers.host) out["x-forwarded-host"] = req.headers.host;
  return out;
}
