// TLS reloads (the HTTPS listener's certificate, services' upstream TLS files) and the expiry of
// the certificate the listener serves, so that an alert fires before it runs out, not after.
import { Counter, Gauge, type Registry } from "prom-client";

export interface TlsMeters {
  /** target "listener" | "upstream"; result "ok" | "failed" (the previous certificate stays). */
  reload(target: "listener" | "upstream", result: "ok" | "failed"): void;
  /** The served certificate's notAfter, read at scrape time (null: no HTTPS listener). */
  certificateExpiry(source: () => number | null): void;
}

export function createTlsMeters(registry: Registry): TlsMeters {
  const reloads = new Counter({
    name: "tta_gateway_tls_reloads_total",
    help: "TLS file reloads after a change, by target (listener, upstream) and result (failed: the previous certificate stays in use).",
    labelNames: ["target", "result"],
    registers: [registry],
  });
  let expiry: () => number | null = () => null;
  new Gauge({
    name: "tta_gateway_tls_certificate_expiry_seconds",
    help: "When the HTTPS listener's certificate expires (Unix seconds).",
    registers: [registry],
    collect() {
      this.reset();
      const ms = expiry();
      if (ms !== null) this.set(Math.floor(ms / 1000));
    },
  });
  return {
    reload: (target, result) => reloads.inc({ target, result }),
    certificateExpiry: (source) => void (expiry = source),
  };
}
