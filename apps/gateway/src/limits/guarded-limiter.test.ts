import { test } from "node:test";
import assert from "node:assert/strict";
import { captureLogger } from "../testing/capture-logger.ts";
import type { RateLimitStore } from "../stores/rate-limit/interface.ts";
import { GuardedLimiter } from "./guarded-limiter.ts";

const request = { key: "ratelimit:ip:1.2.3.4:r", limit: 10, windowMs: 1_000, burst: 0 };

test("an outage: every request falls back and counts, the log has one line when it starts and one when it ends", async () => {
  let mode: "up" | "down" | "stuck" = "up";
  let asked = 0;
  const store: RateLimitStore = {
    kind: "redis",
    async take() {
      asked++;
      if (mode === "down") throw new Error("Connection is closed.");
      if (mode === "stuck") return new Promise(() => {});
      return { allowed: true, remaining: 9, retryAfterMs: 0, resetMs: 100 };
    },
    close: async () => {},
  };
  let now = 0;
  const log = captureLogger("info");
  const fallbacks: string[] = [];
  const limiter = new GuardedLimiter({ store, log: log.logger, onFallback: (m) => fallbacks.push(m), timeoutMs: 20, retryAfterFailureMs: 500, now: () => now });

  assert.equal((await limiter.take(request, "open")).kind, "decided");
  mode = "down";
  for (let i = 0; i < 5; i++) assert.equal((await limiter.take(request, i % 2 ? "closed" : "open")).kind, "unavailable");
  assert.equal(asked, 2, "after a failure the store is left alone for a while");
  now += 600;
  mode = "stuck";
  assert.equal((await limiter.take(request, "open")).kind, "unavailable", "a stuck store times out");
  now += 600;
  mode = "up";
  assert.equal((await limiter.take(request, "open")).kind, "decided", "recovers by itself");
  assert.deepEqual(fallbacks, ["open", "closed", "open", "closed", "open", "open"]);
  assert.equal(log.messages("rate-limit store unreachable; each policy fails open or closed as configured until it is back").length, 1);
  const back = log.messages("rate-limit store reachable again");
  assert.equal(back.length, 1);
  assert.equal(back[0]!.decidedWithoutStore, 6);
});
