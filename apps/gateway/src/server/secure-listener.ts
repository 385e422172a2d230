// The HTTPS listener. An https.Server (TLS 1.2+, the cipher list of tls/server-settings.ts, the
// certificate of tls/cert-watcher.ts, re-keyed in place with setSecureContext) that serves
// HTTP/1.1 exactly as the plain listener does: the same draining, timeouts, client-error answers
// and WebSocket upgrades. A client that picks h2 by ALPN gets HTTP/2 instead: its TLS socket is
// handed to a node:http2 server that never listens itself, whose requests (http2-compat.ts) go
// to the same request handler, counted in the same in-flight list. HTTP/2 WebSockets (RFC 8441)
// are not offered, so browsers open their WebSockets over HTTP/1.1.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { createServer as createHttp2Server } from "node:http2";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { TLSSocket } from "node:tls";
import type { LoadedCertificate } from "../tls/certificate.ts";
import { ALPN_H1_ONLY, ALPN_H2_AND_H1 } from "../tls/server-settings.ts";
import { createDrainingServer, type DrainingServer, type DrainingServerOptions } from "./draining-server.ts";
import { GatewayHttp2Request, GatewayHttp2Response } from "./http2-compat.ts";
import { Http2Sessions } from "./http2-sessions.ts";

/** Streams one HTTP/2 connection may have open at once (nginx's default is 128). */
const MAX_CONCURRENT_STREAMS = 128;

export interface SecureListenerOptions extends Omit<DrainingServerOptions, "create" | "sessions"> {
  certificate: LoadedCertificate;
  /** Offer h2 by ALPN (default true). */
  http2?: boolean;
  keepAliveTimeout: number;
}

export interface SecureListener extends DrainingServer {
  readonly server: HttpsServer;
  /** New handshakes get this certificate; open connections keep theirs. */
  setCertificate(certificate: LoadedCertificate): void;
  /** Open HTTP/2 connections. */
  http2Sessions(): number;
}

export function createSecureListener(handler: (req: IncomingMessage, res: ServerResponse) => void, options: SecureListenerOptions): SecureListener {
  const { certificate, http2 = true, ...rest } = options;
  const h2 = http2
    ? createHttp2Server({
        Http2ServerRequest: GatewayHttp2Request,
        Http2ServerResponse: GatewayHttp2Response,
        settings: { maxConcurrentStreams: MAX_CONCURRENT_STREAMS, ...(rest.maxHeaderSize ? { maxHeaderListSize: rest.maxHeaderSize } : {}) },
      })
    : null;
  const sessions = h2 ? new Http2Sessions(h2, rest.keepAliveTimeout) : null;
  const listener = createDrainingServer(handler, {
    ...rest,
    create: (serverOptions, requests: RequestListener) => createHttpsServer({ ...serverOptions, ...certificate.options, ALPNProtocols: h2 ? ALPN_H2_AND_H1 : ALPN_H1_ONLY }, requests),
    ...(sessions ? { sessions } : {}),
  });
  const server = listener.server as HttpsServer;
  if (h2) {
    h2.on("request", listener.listener as unknown as (req: GatewayHttp2Request, res: GatewayHttp2Response) => void);
    // https.Server runs node's HTTP/1 connection listener on "secureConnection": put a dispatch by
    // the negotiated protocol in front of it.
    const [http1] = server.listeners("secureConnection") as ((socket: TLSSocket) => void)[];
    if (!http1 || server.listenerCount("secureConnection") !== 1) throw new Error("node's https.Server no longer has one secureConnection listener: the HTTP/2 dispatch needs a look");
    server.removeListener("secureConnection", http1);
    server.on("secureConnection", (socket: TLSSocket) => {
      if (socket.alpnProtocol === "h2") h2.emit("connection", socket);
      else http1.call(server, socket);
    });
  }
  return {
    ...listener,
    server,
    setCertificate: (next) => server.setSecureContext(next.options),
    http2Sessions: () => sessions?.size ?? 0,
  };
}
