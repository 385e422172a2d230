// The gateway's response security headers (OWASP Secure Headers Project, for JSON APIs): every
// answer carries them, proxied or the gateway's own. A route may replace or drop any of them.
// Strict-Transport-Security only on answers to requests that came over TLS (RFC 6797 §7.2: not
// over plain HTTP, where a browser ignores it anyway and a proxy in between could forge it).
export const HSTS_HEADER = "strict-transport-security";

export const SECURITY_HEADER_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  [HSTS_HEADER]: "max-age=63072000; includeSubDomains",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "permissions-policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
  "x-dns-prefetch-control": "off",
  "x-permitted-cross-domain-policies": "none",
});

/** What an answer that says nothing about caching gets: personal and therapeutic data is not kept. */
export const FALLBACK_CACHE_CONTROL = "no-store";

/** Upstream response headers that only tell an attacker what runs behind the gateway. */
export const LEAKING_HEADERS: ReadonlySet<string> = new Set(["server", "x-powered-by", "x-aspnet-version", "x-aspnetmvc-version", "x-runtime", "x-generator", "x-backend-server"]);

/**
 * What the gateway does to an answer's headers: `set` ([name, value]) goes on every answer;
 * `owned` are the names whose upstream value is dropped (the leaking ones and those in `set`). A
 * route that drops a default leaves that header to the upstream. FALLBACK_CACHE_CONTROL goes on
 * every answer without Cache-Control, on caching routes too: a TTL the route's cache policy gives
 * an answer is for the gateway's own cache, not for browsers and caches further down.
 */
export interface HeaderPlan {
  readonly set: readonly (readonly [string, string])[];
  /** `set` without Strict-Transport-Security: for answers over plain HTTP. */
  readonly plainSet: readonly (readonly [string, string])[];
  readonly owned: ReadonlySet<string>;
  /** `set` holds Cache-Control (a route override). */
  readonly setsCacheControl: boolean;
}

function plan(entries: Iterable<[string, string | null]>): HeaderPlan {
  const set = [...entries].filter((e): e is [string, string] => e[1] !== null).map((e) => Object.freeze(e));
  return Object.freeze({
    set: Object.freeze(set),
    plainSet: Object.freeze(set.filter(([name]) => name !== HSTS_HEADER)),
    owned: new Set([...LEAKING_HEADERS, ...set.map(([name]) => name)]),
    setsCacheControl: set.some(([name]) => name === "cache-control"),
  });
}

export const DEFAULT_PLAN: HeaderPlan = plan(Object.entries(SECURITY_HEADER_DEFAULTS));

/** The defaults with a route's overrides on top; override names are compared case-insensitively. */
export function headerPlan(overrides: Readonly<Record<string, string | null>> | null): HeaderPlan {
  if (!overrides) return DEFAULT_PLAN;
  const merged = new Map<string, string | null>(Object.entries(SECURITY_HEADER_DEFAULTS));
  for (const [name, value] of Object.entries(overrides)) merged.set(name.toLowerCase(), value);
  return plan(merged);
}
