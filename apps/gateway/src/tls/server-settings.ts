// The TLS settings of the gateway's HTTPS listener: TLS 1.2 and 1.3 only, and for TLS 1.2 only
// forward-secret AEAD suites (ECDHE with AES-GCM or ChaCha20-Poly1305: Mozilla's "intermediate"
// list without the DHE suites, which would need a DH parameter file). TLS 1.3's suites are all AEAD.
// The client picks among them (no server order): every suite on the list is one we accept.
import type { SecureVersion } from "node:tls";

export const TLS_MIN_VERSION: SecureVersion = "TLSv1.2";

export const TLS_CIPHERS = [
  "TLS_AES_128_GCM_SHA256",
  "TLS_AES_256_GCM_SHA384",
  "TLS_CHACHA20_POLY1305_SHA256",
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

/** ALPN: HTTP/2 first for the clients that offer it, HTTP/1.1 for the rest (and for WebSockets). */
export const ALPN_H2_AND_H1 = ["h2", "http/1.1"];
export const ALPN_H1_ONLY = ["http/1.1"];
