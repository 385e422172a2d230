import { test } from "node:test";
import assert from "node:assert/strict";
import { ZSnapshot } from "@tta/domain";
import { compileConfig } from "../../config/compile.ts";
import { ipSet } from "../../net/ip-set.ts";
import { captureLogger } from "../../testing/capture-logger.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { createLocalRateLimitStore } from "../../stores/rate-limit/local.ts";
import type { RateLimitStore } from "../../stores/rate-limit/interface.ts";
import { AdaptiveLimits } from "../../limits/adaptive.ts";
import { GuardedLimiter } from "../../limits/guarded-limiter.ts";
import { rateLimit } from "./rate-limit.ts";

const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [
      { name: "players", instances: [{ url: "http://127.0.0.1:4102" }] },
      { name: "chat", therapeuticPriority: "therapeutic", instances: [{ url: "http://127.0.0.1:4103" }] },
    ],
    rateLimitPolicies: [
      { name: "per-user", scope: "user", limit: 2, windowSeconds: 60, ipAllowList: ["10.0.0.0/8"], ipBlockList: ["203.0.113.0/24"] },
      { name: "strict", scope: "ip", limit: 1, windowSeconds: 60, failMode: "closed", crisisBypass: false },
      { name: "whole", scope: "endpoint", limit: 3, windowSeconds: 60, therapeuticMultiplier: 2 },
    ],
    routes: [
      { id: "rt_1", name: "players-api", path: "/players/*", service: "players", rateLimitPolicy: "per-user" },
      { id: "rt_2", name: "refresh", path: "/refresh", service: "players", rateLimitPolicy: "strict" },
      { id: "rt_3", name: "chat-api", path: "/chat/*", service: "chat", rateLimitPolicy: "whole" },
    ],
  }),
  { revision: 1, checksum: "c" },
);

function stage(store: RateLimitStore = createLocalRateLimitStore()) {
  return rateLimit({ limiter: new GuardedLimiter({ store, log: captureLogger("silent").logger }), adaptive: new AdaptiveLimits(), trustedProxies: null });
}

async function call(s: ReturnType<typeof stage>, route: string, over: { ip?: string; user?: string; priority?: "crisis" } = {}) {
  const fake = fakeContext({ config });
  Object.assign(fake.ctx.req, { socket: { remoteAddress: over.ip ?? "198.51.100.1" } });
  fake.ctx.match = { route: config.routes.find((r) => r.name === route)!, upstreamPath: "/" };
  if (over.user) fake.ctx.auth = { userId: over.user, roles: [], permissions: [], clearance: null, sessionId: null, policy: "p", expiresAt: 0 };
  if (over.priority) fake.ctx.priority = over.priority;
  let passed = false;
  // A request that passes is answered as the upstream would, so its answer shows the headers.
  await s(fake.ctx, async () => {
    passed = true;
    fake.ctx.res.writeHead(200).end();
  });
  return { passed, status: fake.answer.status, headers: fake.answer.headers, code: passed ? null : fake.json().error.code };
}

test("per user: the limit, then 429 with Retry-After and both header styles", async () => {
  const s = stage();
  const first = await call(s, "players-api", { user: "usr_a" });
  assert.equal(first.passed, true);
  assert.equal(first.headers["ratelimit-policy"], '"per-user";q=2;w=60');
  assert.equal(first.headers["ratelimit"], '"per-user";r=1;t=30');
  assert.deepEqual([first.headers["ratelimit-limit"], first.headers["ratelimit-remaining"], first.headers["ratelimit-reset"]], ["2", "1", "30"]);
  assert.equal((await call(s, "players-api", { user: "usr_a" })).passed, true);
  const third = await call(s, "players-api", { user: "usr_a" });
  assert.equal(third.status, 429);
  assert.equal(third.code, "GW_RATE_LIMITED");
  assert.equal(third.headers["retry-after"], "30");
  assert.equal(third.headers["ratelimit-remaining"], "0");
  assert.equal((await call(s, "players-api", { user: "usr_b" })).passed, true, "another user has their own");
});

test("anonymous on a user policy: limited by IP; IP and endpoint scopes", async () => {
  const s = stage();
  assert.equal((await call(s, "players-api")).passed, true);
  assert.equal((await call(s, "players-api")).passed, true);
  assert.equal((await call(s, "players-api")).status, 429);
  assert.equal((await call(s, "players-api", { ip: "198.51.100.2" })).passed, true);
  assert.equal((await call(s, "refresh", { user: "usr_a" })).passed, true);
  assert.equal((await call(s, "refresh", { user: "usr_b" })).status, 429, "ip scope: same address, another user");
});

test("block list: 403 GW_IP_BLOCKED; allow list: never limited, no headers", async () => {
  const s = stage();
  assert.equal((await call(s, "players-api", { ip: "203.0.113.9" })).code, "GW_IP_BLOCKED");
  for (let i = 0; i < 5; i++) {
    const r = await call(s, "players-api", { ip: "10.1.2.3" });
    assert.equal(r.passed, true);
    assert.equal(r.headers["ratelimit"], undefined);
  }
});

test("therapeutic services get the multiplier; crisis bypasses unless the policy says not", async () => {
  const s = stage();
  const passed = [];
  for (let i = 0; i < 8; i++) passed.push((await call(s, "chat-api")).passed);
  assert.deepEqual(passed, [true, true, true, true, true, true, false, false], "3 x 2 for a therapeutic service");
  assert.equal((await call(s, "chat-api", { priority: "crisis" })).passed, true, "crisis passes");
  assert.equal((await call(s, "refresh")).passed, true);
  assert.equal((await call(s, "refresh", { priority: "crisis" })).status, 429, "no bypass on this policy");
});

test("store unreachable: open passes without headers, closed answers 503 GW_RATE_LIMIT_UNAVAILABLE", async () => {
  const down: RateLimitStore = { kind: "redis", take: () => Promise.reject(new Error("ECONNREFUSED")), close: async () => {} };
  const s = stage(down);
  const open = await call(s, "players-api");
  assert.equal(open.passed, true);
  assert.equal(open.headers["ratelimit"], undefined);
  const closed = await call(s, "refresh");
  assert.equal(closed.status, 503);
  assert.equal(closed.code, "GW_RATE_LIMIT_UNAVAILABLE");
  assert.equal(closed.headers["retry-after"], "1");
});
