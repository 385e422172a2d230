// The client's address as the rate limiter and the IP lists see it. The socket's peer, unless that
// peer is a trusted proxy (GATEWAY_TRUSTED_PROXIES): then X-Forwarded-For is read from the right,
// skipping trusted hops, and the first untrusted address is the client. Nothing else is believed.
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { normalizeIp, type IpSet } from "./ip-set.ts";

const PEER = Symbol("tta.peer");
type WithPeer = Socket & { [PEER]?: string };

/** The connection's peer address, normalised once per connection (it cannot change on one). */
export function peerOf(socket: Socket): string {
  const s = socket as WithPeer;
  return (s[PEER] ??= normalizeIp(socket.remoteAddress));
}

export function clientIp(req: IncomingMessage, trustedProxies: IpSet | null): string {
  const peer = peerOf(req.socket);
  if (!trustedProxies || !trustedProxies.has(peer)) return peer;
  const header = req.headers["x-forwarded-for"];
  const chain = (Array.isArray(header) ? header.join(",") : header ?? "").split(",");
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normalizeIp(chain[i]!.trim());
    if (!hop) return peer; // a garbled chain: fall back to what we know
    if (!trustedProxies.has(hop)) return hop;
  }
  return peer;
}
