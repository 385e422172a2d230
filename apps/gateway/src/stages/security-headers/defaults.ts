// The gateway's response security headers (OWASP Secure Headers Project, for JSON APIs): every
// answer carries them, proxied or the gateway's own. A route may replace or drop any of them.
export const SECURITY_HEADER_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "permissions-policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
});

/** Upstream response headers that only tell an attacker what runs behind the gateway. */
export const LEAKING_HEADERS: readonly string[] = ["server", "x-powered-by", "x-aspnet-version", "x-aspnetmvc-version", "x-runtime", "x-generator", "x-backend-server"];

/** [name, value] to set, or [name, null] to leave the upstream's own (the route dropped the default). */
export type HeaderPlan = readonly (readonly [string, string | null])[];

export const DEFAULT_PLAN: HeaderPlan = Object.freeze(Object.entries(SECURITY_HEADER_DEFAULTS).map(([n, v]) => Object.freeze([n, v] as const)));

/** The defaults with a route's overrides on top; override names are compared case-insensitively. */
export function headerPlan(overrides: Readonly<Record<string, string | null>> | null): HeaderPlan {
  if (!overrides) return DEFAULT_PLAN;
  const merged = new Map<string, string | null>(Object.entries(SECURITY_HEADER_DEFAULTS));
  for (const [name, value] of Object.entries(overrides)) merged.set(name.toLowerCase(), value);
  return Object.freeze([...merged].map((e) => Object.freeze(e)));
}
