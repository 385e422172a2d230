// The listeners clients reach the gateway on. The plain HTTP one always; with a certificate, the
// HTTPS one too (secure-listener.ts, the certificate watched and swapped without a restart), both
// running the same edge stages. With GATEWAY_HTTP_REDIRECT the plain one serves nothing but the
// way to HTTPS (pipeline/order.ts redirectStages). They drain together at shutdown.
import type { Logger } from "pino";
import type { CompiledConfig } from "../config/compiled.ts";
import type { RequestRecorder } from "../live/contracts.ts";
import type { CloseStack } from "../lifecycle/close-stack.ts";
import type { TlsMeters } from "../metrics/tls-meters.ts";
import { createRequestHandler } from "../pipeline/handler.ts";
import { redirectStages } from "../pipeline/order.ts";
import type { Stage } from "../pipeline/stage.ts";
import { startCertWatcher } from "../tls/cert-watcher.ts";
import { answerClientError } from "./client-error.ts";
import { createDrainingServer, type DrainingServer } from "./draining-server.ts";
import { createSecureListener, type SecureListener } from "./secure-listener.ts";
import { createUpgradeHandler } from "./upgrade-handler.ts";

export interface TlsListenerOptions {
  /** GATEWAY_TLS_CERT_FILE / _KEY_FILE / _CA_FILE: PEM files, re-read when they change. */
  certFile: string;
  keyFile: string;
  caFile?: string;
  /** GATEWAY_TLS_PORT: 0 = any free port. */
  port: number;
  /** GATEWAY_TLS_HTTP2: offer h2 by ALPN. */
  http2: boolean;
  /** GATEWAY_HTTP_REDIRECT: the plain listener only redirects to HTTPS. */
  redirectHttp: boolean;
  /** GATEWAY_HTTPS_REDIRECT_PORT: the port redirects name (default the HTTPS listener's). */
  redirectPort?: number;
}

export interface ProxyListenersOptions {
  host: string;
  port: number;
  tls: TlsListenerOptions | null;
  /** The edge stages (pipeline/order.ts). */
  edge: readonly Stage[];
  recorders: readonly RequestRecorder[];
  currentConfig: () => CompiledConfig | null;
  log: Logger;
  server: { maxHeaderSize: number; keepAliveTimeout: number; headersTimeout: number };
  tlsReload: { pollMs: number; debounceMs: number };
  meters: TlsMeters;
}

export interface ProxyListeners {
  readonly port: number;
  readonly tlsPort: number | null;
  /** Both listeners' in-flight answers. */
  inFlight(): number;
  openConnections(): Promise<number>;
  draining(): boolean;
  /** Stops accepting on both, lets what is in flight finish (up to the deadline). */
  close(deadlineMs: number): Promise<{ abandoned: number }>;
}

/** Listens; everything opened is pushed onto `stack` (a failed start closes exactly that). */
export async function startProxyListeners(options: ProxyListenersOptions, stack: CloseStack): Promise<ProxyListeners> {
  const { host, tls, log, currentConfig } = options;
  const listeners: DrainingServer[] = [];
  const closeAll = async (deadlineMs: number) => {
    const results = await Promise.all(listeners.map((l) => l.close(deadlineMs)));
    return { abandoned: results.reduce((n, r) => n + r.abandoned, 0) };
  };
  let closing: Promise<{ abandoned: number }> | null = null;
  const close = (deadlineMs: number) => (closing ??= closeAll(deadlineMs));
  stack.push("proxy listeners", () => close(0)); // on a failed start; the gateway's own close drains first

  let tlsPort: number | null = null;
  if (tls) {
    const files = { certFile: tls.certFile, keyFile: tls.keyFile, ...(tls.caFile ? { caFile: tls.caFile } : {}) };
    let secure: SecureListener | null = null;
    // A certificate that cannot be served stops the start, naming the file.
    const watcher = await startCertWatcher({
      files,
      apply: (next) => secure?.setCertificate(next),
      log: log.child({ component: "tls" }),
      onReload: (result) => options.meters.reload("listener", result),
      ...options.tlsReload,
    });
    stack.push("certificate watch", () => watcher.close());
    const certificate = watcher.current();
    const listener = (secure = createSecureListener(createRequestHandler({ stages: options.edge, currentConfig, log, secure: true }), { ...options.server, certificate, http2: tls.http2 }));
    listener.server.on("clientError", answerClientError);
    listener.server.on("upgrade", createUpgradeHandler({ stages: options.edge, currentConfig, log, secure: true }));
    listeners.push(listener);
    tlsPort = await listener.listen(tls.port, host);
    options.meters.certificateExpiry(() => watcher.current().validTo);
    log.info({ port: tlsPort, http2: tls.http2, subject: certificate.subject, serial: certificate.serial, validTo: new Date(certificate.validTo).toISOString() }, "HTTPS listener ready");
  }

  const redirecting = tls?.redirectHttp === true && tlsPort !== null;
  const stages = redirecting ? redirectStages({ httpsPort: tls.redirectPort ?? tlsPort!, recorders: options.recorders }) : options.edge;
  const plain = createDrainingServer(createRequestHandler({ stages, currentConfig, log }), options.server);
  plain.server.on("clientError", answerClientError);
  plain.server.on("upgrade", createUpgradeHandler({ stages, currentConfig, log }));
  listeners.push(plain);
  const port = await plain.listen(options.port, host);
  if (redirecting) log.info({ port }, "the plain HTTP listener redirects to HTTPS (GATEWAY_HTTP_REDIRECT)");

  return {
    port,
    tlsPort,
    inFlight: () => listeners.reduce((n, l) => n + l.inFlight(), 0),
    openConnections: async () => {
      const counts = await Promise.all(listeners.map((l) => new Promise<number>((resolve) => l.server.getConnections((_error, n) => resolve(n ?? 0)))));
      return counts.reduce((a, b) => a + b, 0);
    },
    draining: () => plain.draining(),
    close,
  };
}
