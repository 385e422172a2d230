// No unmasked PII anywhere the gateway writes: PII (email, phone, SSN, a Luhn-valid card, a date
// of birth, a medical record number, a JWT) is sent through every path — scanned requests (crisis,
// content, privacy, monitor), answers of masking routes (JSON, text, gzip), query strings, errors
// (dead upstream, a forged token, an encoding that cannot be masked) — with the gateway's own
// logger at debug level; then its captured log lines, every therapeutic_events row and every
// audit_log row are searched for the values, and so are the answers of masking routes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import type { DemoUpstream } from "@tta/demo-upstreams";
import { startGateway, type Gateway } from "../index.ts";
import { captureGatewayLogger, type CapturedLogger } from "../testing/capture-logger.ts";
import { edgeSnapshot } from "./helpers/edge-fixtures.ts";
import { deadPort, publishSnapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";
import { request, type TestResponse } from "./helpers/http-client.ts";

const JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfMSIsImlzcyI6InRlc3QifQ.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
/** The values, as sent; none may be found in logs, events, audit rows or masked answers. */
const PII = {
  email: "jo.player@example.org",
  phone: "(555) 123-4567",
  ssn: "123-45-6789",
  card: "4111 1111 1111 1111",
  dob: "1990-04-12",
  mrn: "4481234",
  jwt: JWT,
};
const SENTENCE = `mail ${PII.email}, call ${PII.phone}, ssn ${PII.ssn}, card ${PII.card}, dob ${PII.dob}, mrn ${PII.mrn}, token ${PII.jwt}`;
/** Fragments that would give a value away even when it is reformatted. */
const NEEDLES = [PII.email, "123-4567", "5551234567", PII.ssn, "123456789", PII.card, "4111111111111111", PII.dob, PII.mrn, "dozjgNryP4J3jVmNHl0w5N", "eyJzdWIiOiJ1c3JfMSIs"];

function leaks(where: string, text: string): void {
  for (const needle of NEEDLES) assert.ok(!text.includes(needle), `${where} holds "${needle}"`);
}

/** An upstream answering with PII: gzip JSON, plain text, and an encoding nobody can undo. */
async function startLeakyUpstream() {
  const server = http.createServer((req, res) => {
    const profile = JSON.stringify({ email: PII.email, note: `call ${PII.phone}`, cards: [PII.card], nested: { text: SENTENCE } });
    if (req.url?.startsWith("/gzip")) res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipSync(profile));
    else if (req.url?.startsWith("/text")) res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(`Hello!\n${SENTENCE}\n`);
    else if (req.url?.startsWith("/compress")) res.writeHead(200, { "content-type": "text/plain", "content-encoding": "compress" }).end(SENTENCE);
    else if (req.url?.startsWith("/error")) res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: `lookup failed for ${PII.email}` }));
    else res.writeHead(200, { "content-type": "application/json" }).end(profile);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

describe("PII sweep: nothing unmasked in logs, events, audit rows or masked answers", () => {
  let tdb: TestDatabase;
  let chat: DemoUpstream;
  let leaky: Awaited<ReturnType<typeof startLeakyUpstream>>;
  let gateway: Gateway;
  let logs: CapturedLogger;
  const answers: Array<{ where: string; res: TestResponse }> = [];
  const post = async (path: string, message: string, headers: Record<string, string> = {}) => {
    const res = await request(`${gateway.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ message, profile: { email: PII.email, dateOfBirth: PII.dob } }) });
    answers.push({ where: `POST ${path}`, res });
    return res;
  };
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await request(`${gateway.url}${path}`, { headers });
    answers.push({ where: `GET ${path}`, res });
    return res;
  };

  before(async () => {
    tdb = await createTestDatabase("gwpiisweep");
    chat = (await startUpstreams("chat"))[0]!;
    leaky = await startLeakyUpstream();
    const dead = await deadPort();
    const scan = { safetyScan: "enforce" as const, blockedCategories: ["harassment_hate", "self_harm_encouragement"] };
    await publishSnapshot(
      tdb.db,
      edgeSnapshot({
        services: { chat: [chat.url], leaky: [leaky.url], dead: [dead] },
        authPolicies: [{ name: "hs", issuer: "test", algorithms: ["HS256"], secretRef: "TEST_JWT_SECRET" }],
        routes: [
          { name: "ack", path: "/ack/*", service: "chat", ...scan },
          { name: "forward-masked", path: "/fwd/*", service: "chat", ...scan, crisisResponse: "forward", maskResponsePii: true },
          { name: "private", path: "/private/*", service: "chat", ...scan, forbidPii: true },
          { name: "monitor", path: "/monitor/*", service: "chat", ...scan, safetyScan: "monitor", forbidPii: true },
          { name: "echo-masked", path: "/echo/*", service: "chat", maskResponsePii: true },
          { name: "leaky-masked", path: "/leaky/*", rewrite: "/*", service: "leaky", maskResponsePii: true, retryPolicy: { attempts: 1 } },
          { name: "dead", path: "/dead/*", service: "dead", ...scan, crisisResponse: "forward", retryPolicy: { attempts: 1 } },
          { name: "signed-in", path: "/me/*", service: "chat", auth: "authenticated", authPolicy: "hs", ...scan },
        ],
      }),
    );
    logs = captureGatewayLogger("debug", "gw-pii");
    gateway = await startGateway({
      databaseUrl: tdb.url, port: 0, adminPort: 0, logger: logs.logger, instanceId: "gw-pii",
      jwtSecrets: new Map([["TEST_JWT_SECRET", "a-test-secret-that-is-long-enough-0123456789"]]),
    });
  });

  after(async () => {
    await gateway?.close();
    await chat?.close();
    await leaky?.close();
    await tdb?.drop();
  });

  test("PII goes through every path", async () => {
    assert.equal((await post("/ack/m", `I want to kill myself. ${SENTENCE}`)).status, 202);
    assert.equal((await post("/fwd/m", `I want to kill myself. ${SENTENCE}`)).status, 200);
    assert.equal((await post("/ack/m", `you are a worthless idiot, go die. ${SENTENCE}`)).status, 422);
    assert.equal((await post("/private/m", `hi! ${SENTENCE}`)).status, 451);
    assert.equal((await post("/monitor/m", `hi! ${SENTENCE}`)).status, 200);
    assert.equal((await post("/monitor/m", `I want to kill myself. ${SENTENCE}`)).status, 200);
    assert.equal((await post("/echo/m", `hi! ${SENTENCE}`)).status, 200);
    assert.equal((await get(`/echo/profile?email=${encodeURIComponent(PII.email)}&ssn=${PII.ssn}`)).status, 200);
    assert.equal((await get("/leaky/gzip")).status, 200);
    assert.equal((await get("/leaky/text")).status, 200);
    assert.equal((await get("/leaky/plain")).status, 200);
    assert.equal((await get("/leaky/error")).status, 500);
    assert.equal((await get("/leaky/compress")).status, 502, "a body that cannot be masked is not relayed");
    assert.equal((await post("/dead/m", `I want to kill myself. ${SENTENCE}`)).status, 502);
    assert.equal((await post("/me/m", `I want to kill myself. ${SENTENCE}`, { authorization: `Bearer ${PII.jwt}` })).status, 401);
    // A line of the gateway's own logger carrying PII in its message, fields and error.
    logs.logger.warn({ body: SENTENCE, user: { email: PII.email }, err: new Error(`failed for ${PII.ssn}`) }, `note: ${SENTENCE}`);
    await waitFor("the events", async () => (await tdb.db.therapeuticEvent.count()) >= 6);
    await gateway.close(); // the last events are flushed, the last lines written
  });

  test("answers of masking routes and error answers hold no PII; masked markers are there instead", () => {
    const masked = answers.filter((a) => /\/(fwd|echo|leaky)\//.test(a.where) || a.res.status >= 400);
    assert.ok(masked.length >= 10);
    for (const { where, res } of masked) leaks(`the answer to ${where}`, res.text);
    const gzip = answers.find((a) => a.where === "GET /leaky/gzip")!.res;
    assert.equal(gzip.headers["content-encoding"], undefined);
    assert.equal(gzip.headers["content-length"], undefined);
    assert.deepEqual(JSON.parse(gzip.text).cards, ["[CARD]"]);
    assert.match(answers.find((a) => a.where === "GET /leaky/text")!.res.text, /\[EMAIL\].*\[PHONE\].*\[SSN\].*\[CARD\].*\[DOB\].*\[MRN\].*\[SECRET\]/);
  });

  test("the gateway's log lines hold no PII", () => {
    assert.ok(logs.raw.length > 10);
    assert.ok(logs.raw.some((l) => l.includes("[EMAIL]")), "the deliberate line is there, masked");
    leaks("the gateway's logs", logs.raw.join("\n"));
  });

  test("therapeutic events and audit rows hold no PII, and their excerpts are masked", async () => {
    const events = await tdb.db.therapeuticEvent.findMany();
    assert.ok(events.length >= 6);
    assert.ok(events.some((e) => /\[EMAIL\].*\[PHONE\].*\[SSN\].*\[CARD\].*\[DOB\].*\[MRN\].*\[SECRET\]/.test(e.excerpt)));
    leaks("therapeutic_events", JSON.stringify(events));
    const audit = await tdb.db.auditLog.findMany();
    assert.ok(audit.filter((a) => a.action === "event.detected").length === events.length);
    leaks("audit_log", JSON.stringify(audit));
  });
});
