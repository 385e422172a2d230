// Remote key sets by URL, built once and kept across config revisions, so a publish does not throw
// away fetched keys. jose's remote set caches the keys, fetches again when a token names a kid it
// does not know, and never more often than the cooldown: a flood of made-up kids costs one fetch.
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";

export interface JwksOptions {
  /** Least time between two fetches of one URL (jose's cooldownDuration). */
  cooldownMs?: number;
  /** Keys older than this are fetched again on the next token (jose's cacheMaxAge). */
  maxAgeMs?: number;
  timeoutMs?: number;
}

export interface JwksCache {
  get(url: string): JWTVerifyGetKey;
}

export function createJwksCache(options: JwksOptions = {}): JwksCache {
  const sets = new Map<string, JWTVerifyGetKey>();
  return {
    get(url) {
      let set = sets.get(url);
      if (!set) {
        set = createRemoteJWKSet(new URL(url), {
          cooldownDuration: options.cooldownMs ?? 30_000,
          cacheMaxAge: options.maxAgeMs ?? 600_000,
          timeoutDuration: options.timeoutMs ?? 5_000,
          headers: { "user-agent": "tta-gateway" },
        });
        sets.set(url, set);
      }
      return set;
    },
  };
}
