// A clinician and a WebSocket event's live session, on a real database against a fake gateway
// admin API (a loopback HTTP server): escalations.sendMessage posts to the session with the
// admin token and the clinician as `from`, audits the length and never the text, and says clearly
// why it could not (not a WebSocket event, session gone, no gateway); the follow stream relays the
// gateway's events, audits once per open and closes the gateway's stream when the browser goes.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { recordTherapeuticEvents, type TherapeuticEventDraft } from "@tta/db";
import { errorBody, newId } from "@tta/domain";
import { createCaller } from "../api/root.ts";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../api/test-support.ts";
import type { SessionUser } from "../auth/session-user.ts";
import { openFollowStream } from "./follow-stream.ts";

const TOKEN = "console-ws-test-admin-token-0123456789";
const OFFSET = "1764790000000-0";

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  requestId: string | undefined;
  body: unknown;
}

/** A gateway admin API that knows one session, wss_live; it records every request. */
function fakeGateway() {
  const seen: Seen[] = [];
  const follows: Array<{ res: ServerResponse; closed: Promise<void> }> = [];
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, requestId: req.headers["x-request-id"] as string | undefined, body: raw ? JSON.parse(raw) : null });
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, errorBody("GW_ADMIN_UNAUTHORIZED", "req_fake"));
    const match = /^\/ws\/sessions\/([^/]+)\/(messages|follow)$/.exec(req.url!);
    if (!match) return json(404, errorBody("GW_ROUTE_NOT_FOUND", "req_fake"));
    if (match[1] !== "wss_live") return json(404, errorBody("GW_WS_SESSION_NOT_FOUND", "req_fake"));
    if (match[2] === "messages" && req.method === "POST") return json(202, { sessionId: "wss_live", offset: OFFSET });
    if (match[2] === "follow" && req.method === "GET") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
      res.write(`data: ${JSON.stringify({ direction: "in", at: "2026-12-03T19:00:00.000Z", text: "I have the pills ready, jo@example.org", offset: "1764790000000-1" })}\n\n`);
      follows.push({ res, closed: new Promise((resolve) => res.once("close", () => resolve())) });
      return;
    }
    json(405, errorBody("GW_METHOD_NOT_ALLOWED", "req_fake"));
  });
  return {
    seen,
    follows,
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => undefined),
    stop: () => server.closeAllConnections(),
  };
}

/** A port nothing listens on. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const draft = (over: Partial<TherapeuticEventDraft>): TherapeuticEventDraft => ({
  id: newId("event"),
  type: "suicidal_ideation",
  severity: "critical",
  escalated: true,
  userId: "usr_player",
  sessionId: "wss_live",
  routeName: "ws-chat",
  excerpt: "i want to end my life tonight",
  signals: [{ category: "suicidal_ideation", severity: "critical", rule: "suicidal_ideation.p1", match: "end my life", path: "$" }],
  correlationId: newId("request"),
  detectedAt: new Date(),
  details: { outcome: "crisis_acknowledged", channel: "websocket", gateway: "gw_test" },
  ...over,
});

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  while (!pattern.test(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe("live session: escalations.sendMessage and the follow stream", () => {
  let env: ConsoleTestEnv;
  let gateway: ReturnType<typeof fakeGateway>;
  let gatewayUrl: string;
  let dead: string;
  const ids = { live: "", gone: "", http: "" };
  const as = (user: SessionUser, urls: string[] = [gatewayUrl]) => createCaller({ db: env.db, user, gatewayAdmin: { urls, token: TOKEN } });
  const audits = (eventId: string, action: string) => env.db.auditLog.findMany({ where: { entityId: eventId, action }, orderBy: { createdAt: "asc" } });

  before(async () => {
    env = await setupConsoleTest("console_live_session");
    gateway = fakeGateway();
    gatewayUrl = await gateway.start();
    dead = await deadUrl();
    const drafts = [draft({}), draft({ sessionId: "wss_gone" }), draft({ sessionId: "ses_http", details: { outcome: "crisis_acknowledged", gateway: "gw_test" } })];
    await recordTherapeuticEvents(env.db, drafts);
    Object.assign(ids, { live: drafts[0]!.id, gone: drafts[1]!.id, http: drafts[2]!.id });
  });

  after(async () => {
    gateway?.stop();
    await gateway?.close();
    await env?.tdb.drop();
  });

  it("escalations.get names the channel: websocket for a session's event, null for an HTTP one", async () => {
    assert.equal((await as(env.users.clinician).escalations.get({ id: ids.live })).channel, "websocket");
    assert.equal((await as(env.users.clinician).escalations.get({ id: ids.http })).channel, null);
  });

  it("sends the clinician's message to the session with the admin token; audited with its length, never its text", async () => {
    const me = env.users.clinician;
    const text = "  Hi, I'm Cleo from the care team. I'm here with you; call me on 555-123-4567.  ";
    const sent = await as(me).escalations.sendMessage({ id: ids.live, text });
    assert.equal(sent.sessionId, "wss_live");
    assert.equal(sent.offset, OFFSET);
    const post = gateway.seen.at(-1)!;
    assert.equal(post.method, "POST");
    assert.equal(post.url, "/ws/sessions/wss_live/messages");
    assert.equal(post.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(post.body, { text: text.trim(), from: { id: me.id, label: me.name } });

    const [row, ...more] = await audits(ids.live, "session.message_sent");
    assert.equal(more.length, 0);
    assert.equal(row!.actorId, me.id);
    assert.equal(row!.entityType, "therapeutic_event");
    assert.equal(row!.correlationId, post.requestId, "the gateway got the call's correlation id");
    assert.deepEqual(row!.after, { sessionId: "wss_live", offset: OFFSET, length: [...text.trim()].length, gateway: gatewayUrl });
    assert.doesNotMatch(JSON.stringify(row), /Cleo from|555-123|care team/);

    const detail = await as(me).escalations.get({ id: ids.live });
    assert.equal(detail.timeline.at(-1)!.text, `Sent the player a message (${[...text.trim()].length} characters)`);
    assert.equal(detail.timeline.at(-1)!.actor, me.email);
  });

  it("passes over a gateway that cannot be reached and asks the next", async () => {
    const sent = await as(env.users.clinician, [dead, gatewayUrl]).escalations.sendMessage({ id: ids.live, text: "still here" });
    assert.equal(sent.offset, OFFSET);
    assert.equal((await audits(ids.live, "session.message_sent")).length, 2);
  });

  it("refuses clearly, sending and auditing nothing: not a WebSocket event, a session that is gone, no gateway, an unknown event", async () => {
    const api = as(env.users.clinician);
    const requests = gateway.seen.length;

    const http = await refusal(api.escalations.sendMessage({ id: ids.http, text: "hello" }));
    assert.equal(http.code, "PRECONDITION_FAILED");
    assert.match(http.error.message, /did not come over a live WebSocket session/);
    assert.equal(gateway.seen.length, requests, "the gateway was not asked");

    const gone = await refusal(api.escalations.sendMessage({ id: ids.gone, text: "hello" }));
    assert.equal(gone.code, "NOT_FOUND");
    assert.match(gone.error.message, /session has ended or expired \(GW_WS_SESSION_NOT_FOUND\)/);

    const unreachable = await refusal(as(env.users.clinician, [dead]).escalations.sendMessage({ id: ids.live, text: "hello" }));
    assert.equal(unreachable.code, "SERVICE_UNAVAILABLE");
    assert.match(unreachable.error.message, /No gateway could be reached .*is unreachable/);
    const none = await refusal(as(env.users.clinician, []).escalations.sendMessage({ id: ids.live, text: "hello" }));
    assert.equal(none.code, "SERVICE_UNAVAILABLE");
    assert.match(none.error.message, /No gateway admin API is configured/);

    const unknown = await refusal(api.escalations.sendMessage({ id: "evt_doesnotexist000000000", text: "hello" }));
    assert.equal(unknown.code, "NOT_FOUND");
    const empty = await refusal(api.escalations.sendMessage({ id: ids.live, text: "   " }));
    assert.deepEqual(empty.fields.map((f) => f.path), ["text"]);

    const badToken = await refusal(createCaller({ db: env.db, user: env.users.clinician, gatewayAdmin: { urls: [gatewayUrl], token: "wrong-token-0123456789" } }).escalations.sendMessage({ id: ids.live, text: "hello" }));
    assert.equal(badToken.code, "BAD_GATEWAY");
    assert.match(badToken.error.message, /refused to send the message: GW_ADMIN_UNAUTHORIZED/);

    assert.equal((await audits(ids.gone, "session.message_sent")).length, 0);
    assert.equal((await audits(ids.http, "session.message_sent")).length, 0);
    assert.equal((await audits(ids.live, "session.message_sent")).length, 2);
  });

  it("is for clinicians only", async () => {
    for (const user of [env.users.operator, env.users.admin]) {
      assert.equal((await refusal(as(user).escalations.sendMessage({ id: ids.live, text: "hello" }))).code, "FORBIDDEN");
    }
  });

  it("follow: relays the gateway's events masked, audits the open once, and closes the gateway's stream when the browser goes", async () => {
    const browser = new AbortController();
    const me = env.users.clinician;
    const correlationId = newId("request");
    const res = await openFollowStream({ db: env.db, access: { urls: [dead, gatewayUrl], token: TOKEN }, actor: { id: me.id, label: me.email }, eventId: ids.live, correlationId, signal: browser.signal });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /^text\/event-stream/);
    const reader = res.body!.getReader();
    const text = await readUntil(reader, /event: message\ndata: .*\n\n/);
    const data = JSON.parse(/event: message\ndata: (.*)\n/.exec(text)![1]!);
    assert.deepEqual(data, { direction: "in", at: "2026-12-03T19:00:00.000Z", text: "I have the pills ready, [EMAIL]", offset: "1764790000000-1" });

    const rows = await audits(ids.live, "session.followed");
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]!.after, { sessionId: "wss_live", gateway: gatewayUrl });
    assert.equal(rows[0]!.correlationId, correlationId);

    const follow = gateway.follows.at(-1)!;
    browser.abort(); // the browser went away: Next aborts the request (and cancels the response, below)
    await follow.closed;
    await reader.cancel();
  });

  it("follow: a gateway that ends the follow ends the stream with `end`", async () => {
    const me = env.users.clinician;
    const res = await openFollowStream({ db: env.db, access: { urls: [gatewayUrl], token: TOKEN }, actor: { id: me.id, label: me.email }, eventId: ids.live, correlationId: newId("request"), signal: new AbortController().signal });
    const reader = res.body!.getReader();
    await readUntil(reader, /event: message/);
    gateway.follows.at(-1)!.res.end();
    const rest = await readUntil(reader, /event: end\ndata: \{\}\n\n/);
    assert.match(rest, /event: end/);
    assert.equal((await reader.read()).done, true);
  });

  it("follow: what stops it is told in the stream (`problem`), not audited", async () => {
    const me = env.users.clinician;
    const open = (eventId: string, urls: string[]) =>
      openFollowStream({ db: env.db, access: { urls, token: TOKEN }, actor: { id: me.id, label: me.email }, eventId, correlationId: newId("request"), signal: new AbortController().signal });
    for (const [eventId, urls, code] of [
      [ids.gone, [gatewayUrl], "session_gone"],
      [ids.http, [gatewayUrl], "not_websocket"],
      [ids.live, [dead], "no_gateway"],
    ] as const) {
      const res = await open(eventId, [...urls]);
      assert.equal(res.status, 200);
      const text = await res.text();
      const problem = JSON.parse(/event: problem\ndata: (.*)\n/.exec(text)![1]!);
      assert.equal(problem.code, code, text);
    }
    assert.equal((await audits(ids.gone, "session.followed")).length, 0);
    assert.equal((await audits(ids.http, "session.followed")).length, 0);
    await assert.rejects(open("evt_doesnotexist000000000", [gatewayUrl]), { name: "NotFoundError" });
  });
});
