// The shared limiter: the GCRA script by EVALSHA (its SHA-1 computed here, once), falling back to
// EVAL when Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH), which also caches it again.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { GCRA_SCRIPT } from "./gcra-script.ts";
import { gcraParams, type RateLimitDecision, type RateLimitRequest, type RateLimitStore } from "./interface.ts";

const SHA = createHash("sha1").update(GCRA_SCRIPT).digest("hex");

const isNoScript = (error: unknown) => error instanceof Error && error.message.startsWith("NOSCRIPT");

export function createRedisRateLimitStore(client: Redis, prefix = ""): RateLimitStore {
  return {
    kind: "redis",
    async take(request: RateLimitRequest): Promise<RateLimitDecision> {
      const { intervalMs, capacity } = gcraParams(request);
      const key = prefix + request.key;
      const interval = intervalMs.toFixed(6);
      let reply: unknown;
      try {
        reply = await client.evalsha(SHA, 1, key, interval, capacity);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        reply = await client.eval(GCRA_SCRIPT, 1, key, interval, capacity);
      }
      const [allowed, remaining, retryAfterMs, resetMs] = reply as [number, number, number, number];
      return { allowed: allowed === 1, remaining, retryAfterMs, resetMs };
    },
    // The client is shared (built at start-up); its owner closes it.
    async close() {},
  };
}
