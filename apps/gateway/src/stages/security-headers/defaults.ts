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
export const LEAKING_HEADERS: ReadonlySet<string> = new Set(["server", "x-powered-by", "x-aspnet-version", "x-aspnetmvc-version", "x-runtime", "x-generator", "x-backend-server"]);

/**
 * What the gateway does to an answer's headers: `set` ([name, value]) goes on every answer;
 * `owned` are the names whose upstream value is dropped (the leaking ones and those in `set`). A
 * route that drops a default leaves that header to the upstream.
 */
export interface HeaderPlan {
  readonly set: readonly (readonly [string, string])[];
  readonly owned: ReadonlySet<string>;
}

function plan(entries: Iterable<[string, string | null]>): HeaderPlan {
  const set = [...entries].filter((e): e is [string, string] => e[1] !== null).map((e) => Object.freeze(e));
  return Object.freeze({ set: Object.freeze(set), owned: new Set([...LEAKING_HEADERS, ...set.map(([name]) => name)]) });
}

export const DEFAULT_PLAN: HeaderPlan = plan(Object.entries(SECURITY_HEADER_DEFAULTS));

/** The defaults with a route's overrides on top; override names are compared case-insensitively. */
export function headerPlan(overrides: Readonly<Record<string, string | null>> | null): HeaderPlan {
  if (!overrides) return DEFAULT_PLAN;
  const merged = new Map<string, string | null>(Object.entries(SECURITY_HEADER_DEFAULTS));
  for (const [name, value] of Object.entries(overrides)) merged.set(name.toLowerCase(), value);
  return plan(merged);
}
