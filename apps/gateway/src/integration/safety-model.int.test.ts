// The crisis classifier through a running gateway: a message no rule matches but the built-in
// model does becomes a therapeutic event and an escalation exactly as a rule hit does; a false
// alarm of its first stage is cleared by its second (the real sentence encoder, on its thread); with an
// operator's HTTP classifier that does not answer in time, the message is escalated for review
// ("could not classify"), never passed silently. Real Postgres, real loopback upstream and
// classifier endpoint.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import type { DemoUpstream } from "@tta/demo-upstreams";
import { compileSafetyRules, createBuiltinClassifier, createHttpClassifier, DEFAULT_SAFETY_RULES, scan } from "@tta/safety";
import { startGateway, type Gateway } from "../index.ts";
import { captureGatewayLogger } from "../testing/capture-logger.ts";
import { publishSnapshot, snapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

const MODEL_ONLY = "my grandad collapsed on the kitchen floor and his lips look blue";
/** Game talk the n-gram model flags ("I want to ..."), that the second stage clears. */
const FIRST_STAGE_FALSE_ALARM = "I want to buy the sword";
const json = { "content-type": "application/json" };
const post = (url: string, body: unknown) => request(url, { method: "POST", headers: json, body: JSON.stringify(body) });

describe("safety scan with the crisis classifier", () => {
  let tdb: TestDatabase;
  let chat: DemoUpstream;
  let builtin: Gateway;
  let remote: Gateway;
  let hurried: Gateway;
  let slow: Server;
  const event = (id: string) => tdb.db.therapeuticEvent.findUnique({ where: { id } });

  before(async () => {
    tdb = await createTestDatabase("gwmodel");
    chat = (await startUpstreams("chat"))[0]!;
    await publishSnapshot(tdb.db, snapshot({ chat: [chat.url] }, [{ name: "chat-ack", path: "/ack/*", service: "chat", safetyScan: "enforce" as const }]));
    builtin = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureGatewayLogger("warn", "gw-model").logger, instanceId: "gw-model" });
    // A moderation endpoint that never answers: each call must time out, not hang the request.
    slow = createServer(() => {});
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const classifier = createHttpClassifier({ url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/moderate`, timeoutMs: 100 });
    remote = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureGatewayLogger("warn", "gw-remote").logger, instanceId: "gw-remote", crisisClassifier: classifier });
    // A second stage that can never answer in time (1 ms from the encoder's load): the fail-safe.
    hurried = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureGatewayLogger("warn", "gw-hurried").logger, instanceId: "gw-hurried", crisisClassifier: { kind: "builtin", confirmTimeoutMs: 1 } });
  });

  after(async () => {
    await builtin?.close();
    await remote?.close();
    await hurried?.close();
    slow?.closeAllConnections();
    await new Promise((resolve) => slow?.close(resolve));
    await chat?.close();
    await tdb?.drop();
  });

  test("a crisis no rule matches but the model does: 202, an escalated event with the model's signal", async () => {
    assert.equal(scan(MODEL_ONLY, compileSafetyRules(DEFAULT_SAFETY_RULES)).crisis.detected, false, "no rule matches it");
    const res = await post(`${builtin.url}/ack/messages`, { sessionId: "s-m", message: MODEL_ONLY });
    assert.equal(res.status, 202);
    const row = await waitFor("the event row", () => event(res.json().eventId));
    assert.deepEqual([row.type, row.severity, row.status, row.escalated, row.routeName], ["medical_emergency", "high", "open", true, "chat-ack"]);
    const signals = row.signals as Array<{ kind: string; category: string; rule: string; path: string; source: string; review?: boolean }>;
    assert.equal(signals.length, 1);
    assert.deepEqual([signals[0]!.kind, signals[0]!.category, signals[0]!.path, signals[0]!.source, signals[0]!.review ?? false], ["crisis", "medical_emergency", "$.message", "model", false]);
    assert.match(signals[0]!.rule, /^model:builtin:/);
    assert.match(row.excerpt, /collapsed on the kitchen floor/);
  });

  test("a false alarm of the first stage is cleared by the second (the sentence encoder): forwarded, nothing recorded", async () => {
    const first = createBuiltinClassifier().classify(FIRST_STAGE_FALSE_ALARM);
    assert.equal(first.status === "ok" && first.categories.length > 0, true, "the n-gram model alone flags it");
    const count = await tdb.db.therapeuticEvent.count();
    const res = await post(`${builtin.url}/ack/messages`, { sessionId: "s-f", message: FIRST_STAGE_FALSE_ALARM });
    assert.equal(res.status, 200);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await tdb.db.therapeuticEvent.count(), count);
    const metrics = (await request(`${builtin.adminUrl}/metrics`)).text;
    assert.match(metrics, /tta_gateway_crisis_second_stage_total\{result="cleared"\} [1-9]/);
    assert.match(metrics, /tta_gateway_crisis_second_stage_total\{result="detected"\} [1-9]/, "the model-only crisis before it was confirmed");
  });

  test("the admin API says what both stages make of a sample text (the console's try-a-message box), and refuses a bad body clearly", async () => {
    const res = await post(`${builtin.adminUrl}/safety/classify`, { text: FIRST_STAGE_FALSE_ALARM });
    assert.equal(res.status, 200);
    const body = res.json();
    assert.equal(body.classifier, "builtin");
    assert.equal(body.stages, 2);
    assert.ok(body.firstStage.categories.length > 0, "the first stage flags it");
    assert.ok(body.secondStage.probability < body.secondStage.thresholds.review, "the second stage clears it");
    assert.deepEqual(body.verdict.categories, []);
    const crisis = (await post(`${builtin.adminUrl}/safety/classify`, { text: MODEL_ONLY })).json();
    assert.equal(crisis.verdict.categories[0].category, "medical_emergency");
    const bad = await post(`${builtin.adminUrl}/safety/classify`, { message: "wrong key" });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().error.code, "GW_BAD_REQUEST");
    assert.ok(bad.json().error.correlationId);
  });

  test("a calm message is forwarded, nothing recorded", async () => {
    const count = await tdb.db.therapeuticEvent.count();
    assert.equal((await post(`${builtin.url}/ack/messages`, { message: "I found the silver key in the tower!" })).status, 200);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await tdb.db.therapeuticEvent.count(), count);
  });

  test("a second stage that cannot answer in time: the first stage's crisis still escalates, marked review, never dropped", async () => {
    const res = await post(`${hurried.url}/ack/messages`, { sessionId: "s-h", message: MODEL_ONLY });
    assert.equal(res.status, 202);
    const row = await waitFor("the event row", () => event(res.json().eventId));
    assert.deepEqual([row.type, row.escalated], ["medical_emergency", true]);
    const signals = row.signals as Array<{ source: string; review?: boolean }>;
    assert.deepEqual(signals.map((s) => [s.source, s.review]), [["model", true]]);
    assert.match((await request(`${hurried.adminUrl}/metrics`)).text, /tta_gateway_crisis_second_stage_total\{result="unavailable"\} [1-9]/);
  });

  test("an HTTP classifier that times out: the message is escalated for review as 'unclassified', never passed silently", async () => {
    const started = performance.now();
    const res = await post(`${remote.url}/ack/messages`, { message: "I found the silver key in the tower!" });
    assert.ok(performance.now() - started < 2_000, "the timeout aborts the call");
    assert.equal(res.status, 202);
    const row = await waitFor("the event row", () => event(res.json().eventId));
    assert.deepEqual([row.type, row.severity, row.escalated], ["unclassified", "medium", true]);
    const signals = row.signals as Array<{ rule: string; review?: boolean; source: string }>;
    assert.deepEqual(signals.map((s) => [s.rule, s.review, s.source]), [["model:http:unavailable", true, "model"]]);
  });
});
