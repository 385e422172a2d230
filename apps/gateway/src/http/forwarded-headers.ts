// The forwarding headers the upstream receives, owned by the gateway. From a peer that is not a
// trusted proxy (GATEWAY_TRUSTED_PROXIES) every forwarding header the client sent is dropped and
// the gateway's own are set: the client cannot name another client address, host or scheme. From a
// trusted proxy its chain is kept and this hop appended. RFC 7239 `Forwarded` goes out beside the
// de-facto X-Forwarded-For / -Proto / -Host and X-Real-IP (the client address as the gateway sees it).
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { clientIp, peerOf } from "../net/client-ip.ts";
import type { IpSet } from "../net/ip-set.ts";

/** Headers through which a client claims an address, host or scheme. */
const CLAIMS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-server", "x-real-ip", "x-client-ip", "true-client-ip", "x-cluster-client-ip", "cf-connecting-ip", "fastly-client-ip"];

function joined(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(", ") : value ?? "").trim();
}

/** RFC 7239 node: IPv6 addresses are bracketed and quoted; unknown stays a token. */
function forwardedNode(address: string): string {
  if (!address) return "unknown";
  return address.includes(":") ? `"[${address}]"` : address;
}

const quoted = (value: string) => `"${value.replace(/["\\]/g, "\\$&")}"`;

/** What a connection's requests share: computed on its first request, reused by the rest. */
interface ConnectionHop {
  readonly peer: string;
  readonly trusted: boolean;
  readonly proto: "http" | "https";
  /** The Host of the last request on the connection and its RFC 7239 hop. */
  host: string;
  hop: string;
}

const HOP = Symbol("tta.forwardingHop");
type WithHop = Socket & { [HOP]?: ConnectionHop };

/** A connection that stopped being HTTP (upgraded to a WebSocket) needs its cached hop no more. */
export function forgetConnectionHop(socket: Socket): void {
  (socket as WithHop)[HOP] = undefined; // not delete: that would turn the socket into a slower, larger dictionary object
}

function hopOf(proto: string, peer: string, host: string): string {
  return `for=${forwardedNode(peer)};proto=${proto}${host ? `;host=${quoted(host)}` : ""}`;
}

function connectionHop(req: IncomingMessage, trustedProxies: IpSet | null, host: string): ConnectionHop {
  const socket = req.socket as WithHop;
  let c = socket[HOP];
  if (!c) {
    const peer = peerOf(socket);
    const proto = (socket as TLSSocket).encrypted ? "https" : "http";
    c = socket[HOP] = { peer, trusted: trustedProxies !== null && trustedProxies.has(peer), proto, host, hop: hopOf(proto, peer, host) };
  } else if (c.host !== host) {
    c.host = host;
    c.hop = hopOf(c.proto, c.peer, host);
  }
  return c;
}

/**
 * Rewrites `headers` (the request's, which the proxy copies) with the gateway's forwarding headers.
 * Returns the X-Forwarded-Proto sent on: the trusted proxy's chain (its first entry is the scheme
 * the client used), or this hop's own scheme.
 */
export function setForwardingHeaders(req: IncomingMessage, trustedProxies: IpSet | null): string {
  const { headers } = req;
  const host = joined(headers.host);
  const { peer, trusted, proto, hop } = connectionHop(req, trustedProxies, host);
  const kept = trusted ? { for: joined(headers["x-forwarded-for"]), forwarded: joined(headers.forwarded), proto: joined(headers["x-forwarded-proto"]), host: joined(headers["x-forwarded-host"]) } : null;
  const client = trusted ? clientIp(req, trustedProxies) : peer;
  for (const name of CLAIMS) if (headers[name] !== undefined) delete headers[name];
  headers["x-forwarded-for"] = kept?.for ? `${kept.for}, ${peer}` : peer;
  const forwardedProto = (headers["x-forwarded-proto"] = kept?.proto || proto);
  if (kept?.host || host) headers["x-forwarded-host"] = kept?.host || host;
  headers["x-real-ip"] = client;
  headers.forwarded = kept?.forwarded ? `${kept.forwarded}, ${hop}` : hop;
  return forwardedProto;
}
