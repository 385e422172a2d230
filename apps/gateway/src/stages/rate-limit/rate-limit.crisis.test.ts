// The rate limiter's crisis exemption: asked only for a request it is about to refuse; a crisis
// passes where the policy allows the bypass, within the subject's crisis allowance, and is
// reported (escalated anyway) where it does not. 429s of therapeutic routes carry crisis resources.
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
import { CRISIS_RESOURCES } from "../../safety/crisis-resources.ts";
import { rateLimit } from "./rate-limit.ts";

const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "chat", instances: [{ url: "http://127.0.0.1:4103" }] }],
    rateLimitPolicies: [
      { name: "one", scope: "ip", limit: 1, windowSeconds: 60 },
      { name: "one-strict", scope: "ip", limit: 1, windowSeconds: 60, crisisBypass: false },
      { name: "two-crises", scope: "endpoint", limit: 1, windowSeconds: 60, crisisAllowance: 2, crisisWindowSeconds: 600 },
    ],
    routes: [
      { id: "rt_1", name: "chat", path: "/chat/*", service: "chat", rateLimitPolicy: "one" },
      { id: "rt_2", name: "chat-strict", path: "/strict/*", service: "chat", rateLimitPolicy: "one-strict" },
      { id: "rt_3", name: "chat-scanned", path: "/scanned/*", service: "chat", rateLimitPolicy: "two-crises", safetyScan: "enforce" },
    ],
  }),
  { revision: 1, checksum: "c" },
);

function setup(crisis: boolean) {
  const asked: string[] = [];
  const refused: string[] = [];
  const gate: CrisisGate = {
    isCrisis: async (ctx) => (asked.push(ctx.match!.route.name), crisis),
    refused: (ctx, code, why) => void refused.push(`${ctx.match!.route.name} ${code}${why === "allowance_spent" ? " allowance_spent" : ""}`),
  };
  const stage = rateLimit({ limiter: new GuardedLimiter({ store: createLocalRateLimitStore(), log: captureLogger("silent").logger }), adaptive: new AdaptiveLimits(), trustedProxies: null, crisis: gate });
  async function call(route: string, ip = "198.51.100.7") {
    const fake = fakeContext({ config });
    Object.assign(fake.ctx.req, { socket: { remoteAddress: ip } });
    fake.ctx.match = { route: config.routes.find((r) => r.name === route)!, upstreamPath: "/" };
    let passed = false;
    await stage(fake.ctx, async () => void (passed = true));
    return { passed, status: fake.answer.status, body: fake.answer.body, ctx: fake.ctx };
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

test("the crisis allowance is the ceiling: per subject, past it a crisis is refused (and reported), another subject's crisis still passes", async () => {
  const { call, refused } = setup(true);
  assert.equal((await call("chat-scanned")).passed, true, "under the limit");
  const bypassed = await call("chat-scanned");
  assert.deepEqual([bypassed.passed, bypassed.ctx.overLimit, bypassed.ctx.crisisSubject], [true, true, "ip:198.51.100.7"]);
  assert.equal((await call("chat-scanned")).passed, true);
  const spent = await call("chat-scanned");
  assert.deepEqual([spent.passed, spent.status], [false, 429]);
  assert.deepEqual(refused, ["chat-scanned GW_RATE_LIMITED allowance_spent"]);
  // The endpoint's limit is everyone's; the crisis allowance is each client's own.
  assert.equal((await call("chat-scanned", "203.0.113.9")).passed, true, "a second client's crisis passes during the first one's flood");
});

test("a 429 on a therapeutic route carries the crisis resources; elsewhere it does not", async () => {
  const calm = setup(false);
  await calm.call("chat-scanned");
  const limited = await calm.call("chat-scanned");
  assert.equal(limited.status, 429);
  const { error } = JSON.parse(limited.body) as { error: { code: string; details: { resources: unknown[]; crisisHelp: string } } };
  assert.equal(error.code, "GW_RATE_LIMITED");
  assert.deepEqual(error.details.resources, CRISIS_RESOURCES);
  assert.match(error.details.crisisHelp, /crisis/);
  await calm.call("chat");
  const plain = await calm.call("chat");
  assert.equal(plain.status, 429);
  assert.equal(JSON.parse(plain.body).error.details, undefined, "the route neither scans nor serves a therapeutic service");
});
