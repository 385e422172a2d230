// The console's security headers. The fixed ones go on every answer (next.config.ts); the
// Content-Security-Policy carries a fresh nonce per page (proxy.ts), and HSTS is sent only when the
// console is reached over https.

export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

export const HSTS = "max-age=63072000; includeSubDomains";

/** 128 random bits, base64: a CSP nonce. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Next.js finds the nonce in this header and puts it on its own scripts; 'strict-dynamic' lets
 * those load the page's chunks. Styles stay 'unsafe-inline': React and recharts write style
 * attributes, and a style nonce would switch that off.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Whether the browser reached the console over https: NEXTAUTH_URL (the URL browsers use) says so,
 * or a trusted TLS-terminating proxy (CONSOLE_TRUST_PROXY) says so in X-Forwarded-Proto.
 */
export function servedOverHttps(facts: { nextAuthUrl: string | undefined; trustProxy: boolean; forwardedProto: string | null }): boolean {
  if (facts.nextAuthUrl?.startsWith("https://")) return true;
  const first = facts.forwardedProto?.split(",")[0]?.trim().toLowerCase();
  return facts.trustProxy && first === "https";
}
