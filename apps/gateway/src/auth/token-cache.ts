// Verified tokens, by their exact text, for a short while: a client sends the same token with
// every request, and checking its signature again costs 100-150 µs of CPU (ES256/RS256). Same bytes
// and same keys give the same answer, and the cache lives in one revision's compiled policy, so a
// publish empties it. Entries live at most `maxAgeMs` (a key removed from a JWKS stops being
// honoured within that time) and never past the token's own exp.
import type { AuthContext } from "./auth-context.ts";

interface Entry {
  auth: AuthContext;
  notBefore: number;
  until: number;
}

export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = 30_000,
  ) {}

  get(token: string, now: number): AuthContext | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (now >= entry.until) {
      this.entries.delete(token);
      return null;
    }
    return now >= entry.notBefore ? entry.auth : null;
  }

  /** `expiresAt` and `notBefore` already include the policy's clock skew. */
  set(token: string, auth: AuthContext, expiresAt: number, notBefore: number, now: number): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { auth, notBefore, until: Math.min(expiresAt, now + this.maxAgeMs) });
  }

  get size(): number {
    return this.entries.size;
  }
}
