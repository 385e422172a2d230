// Crisis traffic passes where the policy allows it: a player over their rate limit (Redis limiter)
// still gets the crisis answer, a forwarded crisis passes an open (forced) breaker; where the
// policy allows no bypass the request is refused like any other but the crisis is escalated all
// the same. Each event is announced on Redis at once (ids and severities, no text). Real Postgres,
// real Redis (own key prefix), real loopback upstreams.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { ESCALATION_HEADERS, liveRedisNames, newId, ZTherapeuticEventNotice, type TTherapeuticEventNotice } from "@tta/domain";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import type { DemoUpstream } from "@tta/demo-upstreams";
import { Redis } from "ioredis";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger, type CapturedLogger } from "../testing/capture-logger.ts";
import { edgeSnapshot } from "./helpers/edge-fixtures.ts";
import { publishSnapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request, type Echo } from "./helpers/http-client.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:safety:${randomBytes(4).toString("hex")}:`;
const CRISIS = "honestly I just want to die, I have the pills ready";
const post = (url: string, message: string) => request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message }) });

describe("crisis bypass of rate limits and open breakers", () => {
  let tdb: TestDatabase;
  let chat: DemoUpstream;
  let frail: DemoUpstream;
  let gateway: Gateway;
  let redis: Redis;
  let subscriber: Redis;
  let logs: CapturedLogger;
  const notices: TTherapeuticEventNotice[] = [];

  before(async () => {
    tdb = await createTestDatabase("gwsafebypass");
    [chat, frail] = (await startUpstreams("chat", "frail")) as [DemoUpstream, DemoUpstream];
    const scan = { safetyScan: "enforce" as const };
    const snap = edgeSnapshot({
      services: { chat: [chat.url], frail: [frail.url] },
      rateLimitPolicies: [
        { name: "one-a-minute", scope: "ip", limit: 1, windowSeconds: 60, therapeuticMultiplier: 1 },
        { name: "no-bypass", scope: "ip", limit: 1, windowSeconds: 60, therapeuticMultiplier: 1, crisisBypass: false },
      ],
      routes: [
        { name: "limited-forward", path: "/limited/*", service: "chat", ...scan, crisisResponse: "forward", rateLimitPolicy: "one-a-minute" },
        { name: "limited-ack", path: "/limited-ack/*", service: "chat", ...scan, rateLimitPolicy: "one-a-minute" },
        { name: "limited-strict", path: "/strict/*", service: "chat", ...scan, crisisResponse: "forward", rateLimitPolicy: "no-bypass" },
        { name: "breaker-forward", path: "/frail/*", service: "frail", ...scan, crisisResponse: "forward", retryPolicy: { attempts: 1 } },
        { name: "breaker-strict", path: "/frail-strict/*", service: "frail", ...scan, crisisResponse: "forward", retryPolicy: { attempts: 1, crisisBypass: false } },
      ],
    });
    await publishSnapshot(tdb.db, snap);
    redis = new Redis(REDIS_URL);
    subscriber = new Redis(REDIS_URL);
    subscriber.on("message", (_channel, message) => notices.push(ZTherapeuticEventNotice.parse(JSON.parse(message))));
    await subscriber.subscribe(liveRedisNames(prefix).therapeuticEventsChannel);
    logs = captureLogger("info");
    // Rules alone: this suite is about the bypass mechanics, with calm lines ("and again") that the
    // built-in model, on its own, flags (see packages/safety README, known false alarms).
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: logs.logger, instanceId: "gw-bypass", redisUrl: REDIS_URL, redisKeyPrefix: prefix, crisisClassifier: { kind: "off" } });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all([chat, frail].map((u) => u?.close()));
    subscriber?.disconnect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis?.disconnect();
    await tdb?.drop();
  });

  test("over the limit, a calm message gets 429 and a crisis still gets through: forwarded with escalation headers, or acknowledged with 202", async () => {
    assert.equal((await post(`${gateway.url}/limited/m`, "hello")).status, 200);
    assert.equal((await post(`${gateway.url}/limited/m`, "hello again")).status, 429);
    const crisis = await post(`${gateway.url}/limited/m`, CRISIS);
    assert.equal(crisis.status, 200);
    const eventId = crisis.json<Echo>().headers[ESCALATION_HEADERS.eventId] as string;
    assert.match(eventId, /^evt_/);
    assert.equal(JSON.parse(crisis.json<Echo>().body).message, CRISIS, "the body read for the crisis check is the one forwarded");
    assert.equal((await post(`${gateway.url}/limited/m`, "and again")).status, 429, "the bypass is for the crisis only");

    assert.equal((await post(`${gateway.url}/limited-ack/m`, "hello")).status, 200);
    assert.equal((await post(`${gateway.url}/limited-ack/m`, "hello again")).status, 429);
    const acknowledged = await post(`${gateway.url}/limited-ack/m`, CRISIS);
    assert.equal(acknowledged.status, 202);
    assert.equal(acknowledged.json().code, "GW_CRISIS_ESCALATED");
    for (const id of [eventId, acknowledged.json().eventId]) await waitFor(`event ${id}`, () => tdb.db.therapeuticEvent.findUnique({ where: { id } }));
  });

  test("a policy without crisis bypass refuses the crisis with 429, and the crisis is escalated all the same", async () => {
    assert.equal((await post(`${gateway.url}/strict/m`, "hello")).status, 200);
    const refused = await post(`${gateway.url}/strict/m`, CRISIS);
    assert.equal(refused.status, 429);
    const row = await waitFor("the refused crisis's event", () => tdb.db.therapeuticEvent.findFirst({ where: { routeName: "limited-strict", escalated: true } }));
    assert.equal(row.correlationId, refused.json().error.correlationId);
    const audit = await tdb.db.auditLog.findFirstOrThrow({ where: { entityId: row.id } });
    assert.deepEqual([(audit.after as { outcome: string }).outcome, (audit.after as { refusedWith: string }).refusedWith], ["crisis_refused", "GW_RATE_LIMITED"]);
    assert.equal(logs.messages("crisis refused by a rate limit without crisis bypass; escalated all the same").length, 1);
  });

  test("with the service's breaker forced open, a calm message gets 503 and a crisis passes it where the route allows", async () => {
    const instance = gateway.upstreamState.instances().find((i) => i.service === "frail")!.instance;
    assert.ok(gateway.upstreamState.applyBreakerCommand({ service: "frail", instance, action: "force_open", correlationId: newId("request") }));
    const calm = await post(`${gateway.url}/frail/m`, "hello");
    assert.equal(calm.status, 503);
    assert.equal(calm.json().error.code, "GW_BREAKER_OPEN");
    const crisis = await post(`${gateway.url}/frail/m`, CRISIS);
    assert.equal(crisis.status, 200);
    assert.match(crisis.json<Echo>().headers[ESCALATION_HEADERS.eventId] as string, /^evt_/);
    const strict = await post(`${gateway.url}/frail-strict/m`, CRISIS);
    assert.equal(strict.status, 503, "the route does not allow crisis bypass");
    assert.equal(strict.json().error.code, "GW_BREAKER_OPEN");
  });

  test("every event is announced on Redis at once, with ids and severities only", async () => {
    const rows = await waitFor("the events", async () => {
      const found = await tdb.db.therapeuticEvent.findMany();
      return found.length >= 5 && found;
    });
    await waitFor("a notice per event", async () => rows.every((r) => notices.some((n) => n.eventId === r.id)));
    const notice = notices.find((n) => n.route === "limited-ack")!;
    assert.deepEqual(Object.keys(notice).sort(), ["at", "correlationId", "escalated", "eventId", "eventType", "gatewayId", "route", "severity", "type"]);
    assert.deepEqual([notice.type, notice.gatewayId, notice.eventType, notice.escalated], ["therapeutic.event", "gw-bypass", "suicidal_ideation", true]);
    assert.ok(!JSON.stringify(notices).includes("pills"));
  });
});
