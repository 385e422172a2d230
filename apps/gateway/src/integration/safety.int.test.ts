// Therapeutic safety end to end: a player's crisis message through a real gateway gets the 202
// (or is forwarded with escalation headers), its event is persisted with an audit row and heard on
// LISTEN tta_therapeutic_event; content and privacy violations answer 422 and 451; monitoring
// routes record and forward; with the events database cut off (a TCP relay in front of Postgres)
// the 202 comes at once and the event is written when the database is back. Real Postgres, real
// loopback upstreams (the demo echo service).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CHANNELS, ESCALATION_HEADERS } from "@tta/domain";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import type { DemoUpstream } from "@tta/demo-upstreams";
import pg from "pg";
import { startGateway, type Gateway } from "../index.ts";
import { captureGatewayLogger, type CapturedLogger } from "../testing/capture-logger.ts";
import { publishSnapshot, snapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request, type Echo } from "./helpers/http-client.ts";
import { startTcpRelay, type TcpRelay } from "./helpers/tcp-relay.ts";

const CRISIS = "I can't do this anymore. I want to kill myself tonight.";
const json = { "content-type": "application/json" };
const post = (url: string, body: unknown, headers: Record<string, string> = {}) => request(url, { method: "POST", headers: { ...json, ...headers }, body: JSON.stringify(body) });

describe("safety scan: crisis, content and privacy outcomes", () => {
  let tdb: TestDatabase;
  let chat: DemoUpstream;
  let relay: TcpRelay;
  let gateway: Gateway;
  let listener: pg.Client;
  let logs: CapturedLogger;
  const notified: string[] = [];
  const event = (id: string) => tdb.db.therapeuticEvent.findUnique({ where: { id } });

  before(async () => {
    tdb = await createTestDatabase("gwsafety");
    chat = (await startUpstreams("chat"))[0]!;
    const policy = { safetyScan: "enforce" as const, blockedCategories: ["harassment_hate", "self_harm_encouragement"] };
    await publishSnapshot(
      tdb.db,
      snapshot({ chat: [chat.url] }, [
        { name: "chat-ack", path: "/ack/*", service: "chat", ...policy },
        { name: "chat-forward", path: "/fwd/*", service: "chat", ...policy, crisisResponse: "forward" },
        { name: "chat-private", path: "/private/*", service: "chat", ...policy, forbidPii: true },
        { name: "chat-monitor", path: "/monitor/*", service: "chat", ...policy, safetyScan: "monitor", forbidPii: true },
        { name: "chat-plain", path: "/plain/*", service: "chat" },
      ]),
    );
    // The gateway writes events through a relay the test can cut: Postgres "goes away" for it only.
    const direct = new URL(tdb.url);
    relay = await startTcpRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaRelay = new URL(tdb.url);
    viaRelay.port = String(relay.port);
    logs = captureGatewayLogger("info", "gw-safety");
    gateway = await startGateway({
      databaseUrl: tdb.url, port: 0, adminPort: 0, logger: logs.logger, instanceId: "gw-safety",
      events: { databaseUrl: viaRelay.toString(), retryBaseMs: 50, retryMaxMs: 200 },
    });
    listener = new pg.Client({ connectionString: tdb.url });
    await listener.connect();
    listener.on("notification", (n) => notified.push(n.payload ?? ""));
    await listener.query(`listen ${CHANNELS.therapeuticEvent}`);
  });

  after(async () => {
    await listener?.end();
    await gateway?.close();
    await relay?.close();
    await chat?.close();
    await tdb?.drop();
  });

  test("a crisis on an acknowledging route: 202 with crisis resources and the event id; the event is persisted, audited and notified", async () => {
    const res = await post(`${gateway.url}/ack/messages`, { sessionId: "s-1", message: CRISIS }, { "x-request-id": "trace-crisis-0001" });
    assert.equal(res.status, 202);
    const body = res.json();
    assert.equal(body.code, "GW_CRISIS_ESCALATED");
    assert.equal(body.correlationId, "trace-crisis-0001");
    assert.match(body.eventId, /^evt_/);
    assert.ok(body.resources.length >= 3 && body.resources.some((r: { contact: string }) => /988/.test(r.contact)));
    assert.match(body.message, /crisis lines/);
    assert.equal(res.headers["cache-control"], "no-store");

    const row = await waitFor("the event row", () => event(body.eventId));
    assert.deepEqual([row.type, row.severity, row.status, row.escalated, row.routeName, row.correlationId], ["suicidal_ideation", "critical", "open", true, "chat-ack", "trace-crisis-0001"]);
    assert.match(row.excerpt, /kill myself tonight/);
    const signals = row.signals as Array<{ kind: string; category: string; rule: string; path: string }>;
    assert.ok(signals.every((s) => s.kind === "crisis" && s.category === "suicidal_ideation" && s.path === "$.message" && s.rule));
    const audit = await tdb.db.auditLog.findFirstOrThrow({ where: { entityId: body.eventId } });
    assert.deepEqual([audit.action, audit.entityType, audit.actorLabel, audit.correlationId], ["event.detected", "therapeutic_event", "gateway gw-safety", "trace-crisis-0001"]);
    assert.equal((audit.after as { outcome: string }).outcome, "crisis_acknowledged");
    await waitFor("the NOTIFY", async () => notified.includes(body.eventId));
    assert.equal(logs.messages("crisis escalated").length, 1);
  });

  test("a crisis on a forwarding route reaches the upstream with x-tta-escalation and x-tta-crisis-severity; a client cannot forge them", async () => {
    const res = await post(`${gateway.url}/fwd/messages`, { message: CRISIS });
    assert.equal(res.status, 200);
    const echo = res.json<Echo>();
    const eventId = echo.headers[ESCALATION_HEADERS.eventId] as string;
    assert.match(eventId, /^evt_/);
    assert.equal(echo.headers[ESCALATION_HEADERS.severity], "critical");
    assert.equal(JSON.parse(echo.body).message, CRISIS, "the upstream gets the body as sent");
    const row = await waitFor("the event row", () => event(eventId));
    assert.equal(row.escalated, true);
    await waitFor("the NOTIFY", async () => notified.includes(eventId));

    const forged = await post(`${gateway.url}/fwd/messages`, { message: "hello there" }, { [ESCALATION_HEADERS.eventId]: "evt_forged", [ESCALATION_HEADERS.severity]: "critical" });
    assert.equal(forged.status, 200);
    const headers = forged.json<Echo>().headers;
    assert.equal(headers[ESCALATION_HEADERS.eventId], undefined);
    assert.equal(headers[ESCALATION_HEADERS.severity], undefined);
  });

  test("a blocked content category answers 422 GW_CONTENT_UNSAFE with guidance, and is recorded", async () => {
    const res = await post(`${gateway.url}/ack/messages`, { message: "you are a worthless idiot, go die" }, { "x-request-id": "trace-content-0001" });
    assert.equal(res.status, 422);
    const { error } = res.json();
    assert.equal(error.code, "GW_CONTENT_UNSAFE");
    assert.equal(error.correlationId, "trace-content-0001");
    assert.deepEqual(error.details.categories.sort(), ["harassment_hate", "self_harm_encouragement"]);
    assert.match(error.details.guidance, /rephrase/);
    const row = await waitFor("the event row", () => event(error.details.eventId));
    assert.deepEqual([row.type, row.escalated, row.severity], ["content_violation", false, "high"]);
  });

  test("PII on a route that forbids it answers 451 GW_PRIVACY_VIOLATION with the kinds, never the values", async () => {
    const res = await post(`${gateway.url}/private/messages`, { message: "write to me at jo.player@example.org" }, { "x-request-id": "trace-privacy-0001" });
    assert.equal(res.status, 451);
    assert.ok(!res.text.includes("jo.player@example.org"));
    const { error } = res.json();
    assert.equal(error.code, "GW_PRIVACY_VIOLATION");
    assert.equal(error.correlationId, "trace-privacy-0001");
    assert.deepEqual(error.details.piiKinds, ["email"]);
    assert.match(error.details.compliance, /personal information/);
    const row = await waitFor("the event row", () => event(error.details.eventId));
    assert.equal(row.type, "privacy_violation");
    assert.equal(row.excerpt, "write to me at [EMAIL]");
    // The same message where PII is allowed goes through.
    assert.equal((await post(`${gateway.url}/ack/messages`, { message: "write to me at jo.player@example.org" })).status, 200);
  });

  test("monitor mode records content, privacy and crisis events and forwards every request (a crisis with escalation headers)", async () => {
    const before = await tdb.db.therapeuticEvent.count({ where: { routeName: "chat-monitor" } });
    const content = await post(`${gateway.url}/monitor/messages`, { message: "you are a worthless idiot, go die" });
    const privacy = await post(`${gateway.url}/monitor/messages`, { message: "my number is (555) 123-4567" });
    const crisis = await post(`${gateway.url}/monitor/messages`, { message: CRISIS });
    assert.deepEqual([content.status, privacy.status, crisis.status], [200, 200, 200]);
    assert.match(crisis.json<Echo>().headers[ESCALATION_HEADERS.eventId] as string, /^evt_/);
    const rows = await waitFor("three events", async () => {
      const found = await tdb.db.therapeuticEvent.findMany({ where: { routeName: "chat-monitor" }, orderBy: { createdAt: "asc" } });
      return found.length - before >= 3 && found.slice(before);
    });
    assert.deepEqual(rows.map((r) => r.type), ["content_violation", "privacy_violation", "suicidal_ideation"]);
    const outcomes = await tdb.db.auditLog.findMany({ where: { entityId: { in: rows.map((r) => r.id) } } });
    assert.deepEqual(new Set(outcomes.map((a) => (a.after as { outcome: string }).outcome)), new Set(["content_monitored", "privacy_monitored", "crisis_forwarded"]));
  });

  test("calm messages and routes that do not scan are forwarded with nothing recorded; a non-scanning route's body still streams", async () => {
    const count = await tdb.db.therapeuticEvent.count();
    assert.equal((await post(`${gateway.url}/ack/messages`, { message: "I found the silver key in the tower!" })).status, 200);
    assert.equal((await post(`${gateway.url}/plain/messages`, { message: CRISIS })).status, 200);
    const chunked = await request(`${gateway.url}/plain/upload`, { method: "POST", headers: json, chunks: ['{"a":', '"b"}'] });
    assert.equal(chunked.json<Echo>().body, '{"a":"b"}');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await tdb.db.therapeuticEvent.count(), count);
  });

  test("with the events database cut off, the 202 comes at once; the event is written when the database is back (outage logged once)", async () => {
    await relay.cut();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await post(`${gateway.url}/ack/messages`, { message: `${CRISIS} (${i})` });
      assert.equal(res.status, 202);
      assert.ok(performance.now() - started < 500, "the answer does not wait on Postgres");
      ids.push(res.json().eventId);
    }
    await waitFor("a failed write", async () => logs.lines.some((l) => /Postgres \(therapeutic events\) is unavailable/.test(String(l.msg))));
    await new Promise((r) => setTimeout(r, 600)); // several retries while it is away
    for (const id of ids) assert.equal(await event(id), null, "not written while the database is away");
    const metrics = await request(`${gateway.adminUrl}/metrics`);
    assert.match(metrics.text, /tta_gateway_safety_events_pending 3/);
    assert.match(metrics.text, /tta_gateway_safety_events_total\{result="retried"\} [1-9]/);

    await relay.restore();
    for (const id of ids) await waitFor(`event ${id}`, () => event(id), 10_000);
    await waitFor("the NOTIFYs", async () => ids.every((id) => notified.includes(id)));
    assert.equal(logs.lines.filter((l) => /Postgres \(therapeutic events\) is unavailable/.test(String(l.msg))).length, 1, "logged once when it went away");
    await waitFor("the recovery line", async () => logs.lines.some((l) => /Postgres \(therapeutic events\) is back/.test(String(l.msg))));
    const after = await request(`${gateway.adminUrl}/metrics`);
    assert.match(after.text, /tta_gateway_safety_events_pending 0/);
    for (const id of ids) assert.equal(await tdb.db.auditLog.count({ where: { entityId: id } }), 1, "one audit row per event, whatever the retries");
  });
});
