// Crisis bypass with a floor and a ceiling, through a real gateway (real loopback upstream, real
// Postgres), once with the Redis limiter and once with the in-process one. One client sends 50
// crisis messages on a route limited to 1 a minute for everyone: the first passes under the limit,
// the next 5 (its crisis allowance) pass over it, the other 44 are 429 with crisis resources; the
// clinicians' queue holds ONE open event for it with a repeat count of 50, every repeat kept. A
// second client's crisis during the flood still passes (its own allowance), and its calm message
// gets the 429 with the resources too.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { getEscalation, listEscalationQueue } from "@tta/db";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import type { DemoUpstream } from "@tta/demo-upstreams";
import { Redis } from "ioredis";
import { startGateway, type Gateway } from "../index.ts";
import { CRISIS_RESOURCES } from "../safety/crisis-resources.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { edgeSnapshot } from "./helpers/edge-fixtures.ts";
import { publishSnapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request, type TestResponse } from "./helpers/http-client.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const CRISIS = "honestly I just want to die, I have the pills ready";
const ALLOWANCE = 5;

for (const store of ["redis", "local"] as const) {
  describe(`a crisis flood on a tightly limited route (${store} limiter)`, () => {
    const prefix = `test:flood:${randomBytes(4).toString("hex")}:`;
    const flooder = store === "redis" ? "203.0.113.10" : "203.0.113.20";
    const other = store === "redis" ? "198.51.100.10" : "198.51.100.20";
    let tdb: TestDatabase;
    let chat: DemoUpstream;
    let gateway: Gateway;
    const post = (path: string, from: string, message: string) =>
      request(`${gateway.url}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": from }, body: JSON.stringify({ message }) });
    const answers: TestResponse[] = [];
    let second: TestResponse;
    let secondCalm: TestResponse;

    before(async () => {
      tdb = await createTestDatabase(`gwflood${store}`);
      chat = (await startUpstreams("chat"))[0]!;
      await publishSnapshot(
        tdb.db,
        edgeSnapshot({
          services: { chat: [chat.url] },
          rateLimitPolicies: [
            { name: "one-a-minute", scope: "endpoint", limit: 1, windowSeconds: 60, therapeuticMultiplier: 1, crisisAllowance: ALLOWANCE, crisisWindowSeconds: 600 },
          ],
          routes: [{ name: "chat-limited", path: "/chat/*", service: "chat", safetyScan: "enforce", rateLimitPolicy: "one-a-minute" }],
        }),
      );
      gateway = await startGateway({
        databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("silent").logger, instanceId: `gw-flood-${store}`,
        trustedProxies: ["127.0.0.1"], ...(store === "redis" ? { redisUrl: REDIS_URL, redisKeyPrefix: prefix } : {}),
      });
      for (let i = 0; i < 50; i++) {
        answers.push(await post("/chat/m", flooder, `${CRISIS} (${i})`));
        if (i === 25) {
          second = await post("/chat/m", other, CRISIS);
          secondCalm = await post("/chat/m", other, "which path leads to the castle?");
        }
      }
    });

    after(async () => {
      await gateway?.close();
      await chat?.close();
      if (store === "redis") {
        const redis = new Redis(REDIS_URL);
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      }
      await tdb?.drop();
    });

    test("the first passes under the limit, the allowance's crises pass over it, the rest are 429 with crisis resources", () => {
      const statuses = answers.map((a) => a.status);
      assert.deepEqual(statuses, [...Array(1 + ALLOWANCE).fill(202), ...Array(50 - 1 - ALLOWANCE).fill(429)]);
      for (const a of answers.slice(0, 1 + ALLOWANCE)) assert.equal(a.json().code, "GW_CRISIS_ESCALATED");
      for (const a of answers.slice(1 + ALLOWANCE)) {
        const { error } = a.json();
        assert.equal(error.code, "GW_RATE_LIMITED");
        assert.deepEqual(error.details.resources, CRISIS_RESOURCES);
        assert.ok(Number(a.headers["retry-after"]) >= 1);
      }
    });

    if (store === "redis") {
      test("the crisis allowance is a bucket of its own in the shared Redis, per client", async () => {
        const redis = new Redis(REDIS_URL);
        const keys = (await redis.keys(`${prefix}ratelimit:crisis:*`)).sort();
        redis.disconnect();
        assert.deepEqual(keys, [`${prefix}ratelimit:crisis:ip:${other}:one-a-minute`, `${prefix}ratelimit:crisis:ip:${flooder}:one-a-minute`].sort());
      });
    }

    test("a second client's crisis during the flood still passes; its calm message gets the 429 with resources", () => {
      assert.equal(second.status, 202);
      assert.equal(second.json().code, "GW_CRISIS_ESCALATED");
      assert.equal(secondCalm.status, 429);
      assert.deepEqual(secondCalm.json().error.details.resources, CRISIS_RESOURCES);
    });

    test("the clinicians' queue holds one open event for the flood, repeated 50 times, nothing lost", async () => {
      const firstId = answers[0]!.json().eventId as string;
      const event = await waitFor("50 detections folded", async () => {
        const row = await tdb.db.therapeuticEvent.findUnique({ where: { id: firstId } });
        return row?.repeatCount === 50 && row;
      });
      const queue = (await listEscalationQueue(tdb.db)).filter((s) => s.routeName === "chat-limited");
      assert.deepEqual(queue.map((s) => [s.id, s.repeatCount]).sort(), [[firstId, 50], [second.json().eventId, 1]].sort(), "one event per client");
      assert.equal(event.status, "open");
      assert.equal(await tdb.db.therapeuticEventRepeat.count({ where: { eventId: firstId } }), 49);
      assert.equal(await tdb.db.auditLog.count({ where: { entityId: firstId, action: "event.detected" } }), 1);
      assert.equal(await tdb.db.auditLog.count({ where: { entityId: firstId, action: "event.repeated" } }), 49);
      const refused = await tdb.db.auditLog.findMany({ where: { entityId: firstId, action: "event.repeated" } });
      assert.equal(refused.filter((a) => (a.after as { outcome: string; refusal?: string }).refusal === "allowance_spent").length, 50 - 1 - ALLOWANCE);
      const latest = await tdb.db.therapeuticEventRepeat.findFirstOrThrow({ where: { eventId: firstId }, orderBy: { createdAt: "desc" } });
      assert.match(latest.excerpt, /\(49\)/, "the latest excerpt is kept");
      // The id a 202 named opens the event it was folded into.
      const detail = await getEscalation(tdb.db, answers[3]!.json().eventId);
      assert.deepEqual([detail.id, detail.repeatCount], [firstId, 50]);
      assert.ok(detail.timeline.some((e) => e.kind === "repeated" && /refused by the rate limit/.test(e.text ?? "")));
    });
  });
}
