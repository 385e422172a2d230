// Cross-site request forgery guard for everything that changes state: a request that is not a
// GET/HEAD/OPTIONS must come from a page of the console's own origin. Browsers send `Origin` on
// every POST (and `Sec-Fetch-Site` on every request), so a browser request without both is not
// expected; a client that sends neither (curl, a script) is let through only without a session
// cookie, where it can do nothing a signed-in user could be tricked into.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginFacts {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  hasSessionCookie: boolean;
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

export function checkSameOrigin(facts: OriginFacts, ownOrigin: string): OriginVerdict {
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return { ok: true };
  if (facts.origin !== null) {
    return facts.origin === ownOrigin ? { ok: true } : { ok: false, reason: `Origin ${facts.origin} is not this console's (${ownOrigin}).` };
  }
  if (facts.secFetchSite !== null) {
    return facts.secFetchSite === "same-origin" ? { ok: true } : { ok: false, reason: `Sec-Fetch-Site ${facts.secFetchSite} is not same-origin.` };
  }
  return facts.hasSessionCookie ? { ok: false, reason: "A signed-in request without Origin or Sec-Fetch-Site is not accepted." } : { ok: true };
}

/** next-auth's session cookie, plain or `__Secure-` (over https), possibly split into chunks (`.0`, `.1`). */
export const isSessionCookieName = (name: string): boolean => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(name);
