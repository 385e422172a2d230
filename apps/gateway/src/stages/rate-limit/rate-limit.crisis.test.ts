// The rate limiter's crisis exemption: asked only for a request it is about to refuse; a crisis
// passes where the policy allows the bypass, and is reported (escalated anyway) where it does not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ZSnapshot } from "@tta/domain";
import { compileConfig } from "../../config/compile.ts";
import { captureLogger } from "../../testing/capture-logger.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { createLocalRateLimitStore } from "../../stores/rate-limit/local.ts";
import type { CrisisGate } from "../../safety/crisis-gate.ts";
import { AdaptiveLimits } from "../../limits/adaptive.ts";
import { GuardedLimiter } from "../../limits/guarded-limiter.ts";
import { rateLimit } from "./rate-limit.ts";

const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "chat", instances: [{ url: "http://127.0.0.1:4103" }] }],
    rateLimitPolicies: [
      { name: "one", scope: "ip", limit: 1, windowSeconds: 60 },
      { name: "one-strict", scope: "ip", limit: 1, windowSeconds: 60, crisisBypass: false },
    ],
    routes: [
      { id: "rt_1", name: "chat", path: "/chat/*", service: "chat", rateLimitPolicy: "one" },
      { id: "rt_2", name: "chat-strict", path: "/strict/*", service: "chat", rateLimitPolicy: "one-strict" },
    ],
  }),
  { revision: 1, checksum: "c" },
);

function setup(crisis: boolean) {
  const asked: string[] = [];
  const refused: string[] = [];
  const gate: CrisisGate = {
    isCrisis: async (ctx) => (asked.push(ctx.match!.route.name), crisis),
    refused: (ctx, code) => void refused.push(`${ctx.match!.route.name} ${code}`),
  };
  const stage = rateLimit({ limiter: new GuardedLimiter({ store: createLocalRateLimitStore(), log: captureLogger("silent").logger }), adaptive: new AdaptiveLimits(), trustedProxies: null, crisis: gate });
  async function call(route: string) {
    const fake = fakeContext({ config });
    Object.assign(fake.ctx.req, { socket: { remoteAddress: "198.51.100.7" } });
    fake.ctx.match = { route: config.routes.find((r) => r.name === route)!, upstreamPath: "/" };
    let passed = false;
    await stage(fake.ctx, async () => void (passed = true));
    return { passed, status: fake.answer.status };
  }
  return { call, asked, refused };
}

test("a request under its limit is not scanned here", async () => {
  const { call, asked } = setup(true);
  assert.equal((await call("chat")).passed, true);
  assert.deepEqual(asked, []);
});

test("over the limit, a crisis passes when the policy allows crisis bypass; anything else is refused", async () => {
  const crisis = setup(true);
  await crisis.call("chat");
  assert.equal((await crisis.call("chat")).passed, true);
  assert.deepEqual(crisis.asked, ["chat"]);
  const calm = setup(false);
  await calm.call("chat");
  assert.equal((await calm.call("chat")).status, 429);
});

test("a policy without crisis bypass refuses the crisis, which is reported with the code it got", async () => {
  const { call, refused } = setup(true);
  await call("chat-strict");
  assert.equal((await call("chat-strict")).status, 429);
  assert.deepEqual(refused, ["chat-strict GW_RATE_LIMITED"]);
});
