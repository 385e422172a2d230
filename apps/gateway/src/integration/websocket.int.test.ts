// WebSocket sessions through real gateways on one Redis (their own key prefix), a real demo chat
// service speaking WebSocket on loopback, real Postgres: refusals over HTTP before any upgrade,
// rooms across gateways, a client cut off mid-conversation resuming on the other gateway with
// every missed message in order, a crisis message reaching the clinicians' queue, a slow consumer
// closed with its messages kept, a shutdown that closes with 1001 and a resume token; on one
// gateway without Redis; and with Redis taken away.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { getEscalation, listEscalationQueue } from "@tta/db";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import type { DemoUpstream } from "@tta/demo-upstreams";
import { Redis } from "ioredis";
import { WebSocket } from "ws";
import { startGateway, type Gateway, type GatewayOptions } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { sign, TEST_AUDIENCE, TEST_HMAC_SECRET, TEST_ISSUER } from "../testing/jwt.ts";
import { edgeSnapshot, rawExchange, startOwnRedis, type OwnRedis } from "./helpers/edge-fixtures.ts";
import { publishSnapshot, startUpstreams, waitFor } from "./helpers/fixtures.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const ADMIN_TOKEN = "test-admin-token-websocket";
const CRISIS = "I have decided to end my life tonight, the pills are ready";

type Frame = { type: string; offset?: number | null; data?: string; room?: string; [key: string]: unknown };

/** A tta.v1 client that keeps every frame it got, parsed, and how it was closed. */
class Client {
  frames: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: Array<() => void> = [];

  constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.wake();
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    ws.on("error", () => {});
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** The first frame (from `from` on) that matches, waiting up to 5 s. */
  async next(match: (f: Frame) => boolean, from = 0): Promise<Frame> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (this.closed || Date.now() > deadline) throw new Error(`no matching frame (closed: ${JSON.stringify(this.closed)}; got ${JSON.stringify(this.frames).slice(0, 600)})`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async closedWith(): Promise<{ code: number; reason: string }> {
    await waitFor("the close", async () => this.closed, 5_000);
    return this.closed!;
  }

  get session(): Frame {
    return this.frames.find((f) => f.type === "session")!;
  }

  /** The upstream's JSON inside a message frame. */
  static data(f: Frame): Record<string, unknown> {
    return JSON.parse(f.data!) as Record<string, unknown>;
  }
}

async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

interface Refusal {
  status: number;
  body: { error: { code: string; correlationId: string } };
}

function open(url: string, options: { token?: string; resume?: string; offset?: number | null; headers?: Record<string, string> } = {}): Promise<Client | Refusal> {
  const q = new URLSearchParams();
  if (options.resume) q.set("resume", options.resume);
  if (options.offset !== undefined && options.offset !== null) q.set("offset", String(options.offset));
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const ws = new WebSocket(`${url}${q.size ? `?${q}` : ""}`, ["tta.v1"], { headers });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(new Client(ws)));
    ws.once("unexpected-response", (_req, res: IncomingMessage) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    ws.once("error", reject);
  });
}

async function connect(url: string, options: Parameters<typeof open>[1]): Promise<Client> {
  const client = await open(url, options);
  if (!(client instanceof Client)) throw new Error(`refused: ${JSON.stringify(client)}`);
  await client.next((f) => f.type === "session");
  return client;
}

describe("websocket sessions across two gateways on one Redis", () => {
  const prefix = `test:ws:${randomBytes(4).toString("hex")}:`;
  let tdb: TestDatabase;
  let chat: DemoUpstream;
  let a: Gateway;
  let b: Gateway;
  let token: string;
  const clients: Client[] = [];
  const ws = (g: Gateway, path = "/ws/chat") => `${g.url.replace("http", "ws")}${path}`;
  const track = (c: Client) => (clients.push(c), c);
  const gatewayOptions = (id: string, over: Partial<GatewayOptions> = {}): GatewayOptions => ({
    databaseUrl: tdb.url,
    port: 0,
    adminPort: 0,
    logger: captureLogger("silent").logger,
    instanceId: id,
    redisUrl: REDIS_URL,
    redisKeyPrefix: prefix,
    adminToken: ADMIN_TOKEN,
    jwtSecrets: new Map([["WS_JWT_SECRET", TEST_HMAC_SECRET]]),
    ...over,
  });

  before(async () => {
    tdb = await createTestDatabase("gwwebsocket");
    chat = (await startUpstreams("chat"))[0]!;
    await publishSnapshot(
      tdb.db,
      edgeSnapshot({
        services: { chat: [chat.url] },
        authPolicies: [{ name: "players", issuer: TEST_ISSUER, audiences: [TEST_AUDIENCE], algorithms: ["HS256"], secretRef: "WS_JWT_SECRET" }],
        routes: [
          { name: "chat-ws", path: "/ws/chat", service: "chat", websocket: true, auth: "authenticated", authPolicy: "players", safetyScan: "enforce" },
          { name: "game-ws", path: "/ws/game", service: "chat", websocket: true, auth: "authenticated", authPolicy: "players" }, // not scanned: bursts of game commands
          { name: "chat-http", path: "/api/*", service: "chat" },
        ],
      }),
    );
    a = await startGateway(gatewayOptions("gw-ws-a"));
    b = await startGateway(gatewayOptions("gw-ws-b"));
    token = await sign(TEST_HMAC_SECRET, { subject: "usr_ws_player" });
  });

  after(async () => {
    for (const c of clients) c.ws.terminate();
    for (const g of [a, b]) await g?.close();
    await chat?.close();
    await dropPrefix(prefix);
    await tdb?.drop();
  });

  test("an upgrade without a token is refused over HTTP before any upgrade: 401 with the usual JSON error", async () => {
    const refused = (await open(ws(a))) as Refusal;
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.code, "GW_AUTH_REQUIRED");
    assert.match(refused.body.error.correlationId, /^req_/);
    const forged = (await open(ws(a), { token: await sign("another-secret-that-is-long-enough-0123456789", { subject: "usr_x" }) })) as Refusal;
    assert.equal(forged.status, 401);
    assert.equal(forged.body.error.code, "GW_AUTH_INVALID");
  });

  test("an upgrade on a route that is not a WebSocket route is refused with 400 GW_UPGRADE_NOT_ALLOWED", async () => {
    const refused = (await open(`${a.url.replace("http", "ws")}/api/chat`, { token })) as Refusal;
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, "GW_UPGRADE_NOT_ALLOWED");
  });

  test("a browser's upgrade from another site is refused (cross-site WebSocket hijacking)", async () => {
    const refused = (await open(ws(a), { token, headers: { origin: "https://evil.example" } })) as Refusal;
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, "GW_CORS_DENIED");
  });

  test("a session frame first, then the upstream's frames with increasing offsets; the upstream sees the user and the session", async () => {
    const client = track(await connect(ws(a), { token }));
    const { session } = client;
    assert.match(String(session.sessionId), /^ses_/);
    assert.equal(session.recovered, null);
    const hello = Client.data(await client.next((f) => f.type === "message" && Client.data(f).kind === "hello"));
    assert.deepEqual([hello.sessionId, hello.user, hello.resumed, hello.path], [session.sessionId, "usr_ws_player", false, "/ws/chat"]);
    client.ws.send("which path leads to the castle?");
    const reply = await client.next((f) => f.type === "message" && Client.data(f).kind === "reply");
    assert.equal(Client.data(reply).echo, "which path leads to the castle?");
    const offsets = client.frames.filter((f) => f.type === "message").map((f) => f.offset as number);
    assert.deepEqual(offsets, [...offsets].sort((x, y) => x - y));
    assert.equal(new Set(offsets).size, offsets.length);
    client.ws.close(1000);
  });

  test("a room broadcast reaches its members on both gateways, from the upstream and from the admin API", async () => {
    const onA = track(await connect(ws(a), { token }));
    const onB = track(await connect(ws(b), { token }));
    for (const c of [onA, onB]) {
      c.ws.send("/join lobby");
      await c.next((f) => f.type === "message" && Client.data(f).kind === "reply" && /joined lobby/.test(String(Client.data(f).text)));
    }
    onA.ws.send("/say lobby hello from a");
    for (const c of [onA, onB]) {
      const got = await c.next((f) => f.type === "message" && f.room === "lobby");
      assert.deepEqual(Client.data(got), { kind: "room", room: "lobby", from: "usr_ws_player", text: "hello from a" });
    }
    const answer = await fetch(`${b.adminUrl}/ws/rooms/lobby/messages`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ data: "server notice" }) });
    assert.equal(answer.status, 202);
    for (const c of [onA, onB]) await c.next((f) => f.type === "message" && f.room === "lobby" && f.data === "server notice");
    const unauthorized = await fetch(`${b.adminUrl}/ws/rooms/lobby/messages`, { method: "POST", body: "{}" });
    assert.equal(unauthorized.status, 401);
  });

  test("a client cut off mid-conversation resumes on the other gateway and gets every missed message, in order, recovered: true", async () => {
    const client = track(await connect(ws(a, "/ws/game"), { token }));
    const { sessionId, resumeToken } = client.session as unknown as { sessionId: string; resumeToken: string };
    client.ws.send("/burst 60");
    const tenth = await client.next((f) => f.type === "message" && Client.data(f).seq === 10);
    const lastOffset = tenth.offset as number;
    (client.ws as unknown as { _socket: { destroy(): void } })._socket.destroy(); // cut: no close frame
    await waitFor("gateway a to keep the whole burst", async () => {
      const info = await fetch(`${a.adminUrl}/ws/sessions/${sessionId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }).then((r) => r.json() as Promise<{ session: { lastOffset: number } }>);
      return info.session.lastOffset >= lastOffset + 50;
    });

    const resumed = track(await connect(ws(b, "/ws/game"), { token, resume: resumeToken, offset: lastOffset }));
    assert.equal(resumed.session.sessionId, sessionId);
    assert.equal(resumed.session.recovered, true);
    await resumed.next((f) => f.type === "message" && Client.data(f).seq === 60);
    const replies = resumed.frames.filter((f) => f.type === "message" && Client.data(f).kind === "reply").map((f) => Client.data(f).seq);
    assert.deepEqual(replies.slice(0, 50), Array.from({ length: 50 }, (_, i) => i + 11), "seq 11..60, once each, in order");
    assert.ok(Number(resumed.session.missed) >= 50, "the 50 missed replies (and the new leg's hello, if it came first) are replayed");
    const hello = Client.data(await resumed.next((f) => f.type === "message" && Client.data(f).kind === "hello"));
    assert.deepEqual([hello.sessionId, hello.resumed], [sessionId, true], "the new upstream leg is told the session resumed");
    resumed.ws.send("still here");
    await resumed.next((f) => f.type === "message" && Client.data(f).echo === "still here");
  });

  test("the upstream's binary frames come as numbered base64 envelopes and are replayed on resume like any frame", async () => {
    const client = track(await connect(ws(a, "/ws/game"), { token }));
    const { resumeToken } = client.session as unknown as { resumeToken: string };
    const hello = await client.next((f) => f.type === "message" && Client.data(f).kind === "hello");
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    client.ws.send(bytes, { binary: true }); // the demo service echoes binary frames
    const echoed = await client.next((f) => f.type === "binary");
    assert.deepEqual(Buffer.from(String(echoed.data), "base64"), bytes);
    assert.ok((echoed.offset as number) > (hello.offset as number));
    (client.ws as unknown as { _socket: { destroy(): void } })._socket.destroy();
    const resumed = track(await connect(ws(b, "/ws/game"), { token, resume: resumeToken, offset: hello.offset as number }));
    assert.equal(resumed.session.recovered, true);
    const replayed = await resumed.next((f) => f.type === "binary");
    assert.deepEqual([replayed.offset, replayed.data], [echoed.offset, echoed.data]);
  });

  test("someone else's resume token, or a forged one, starts a new session (recovered: false), never the other's", async () => {
    const owner = track(await connect(ws(a), { token }));
    const stolen = String(owner.session.resumeToken);
    const other = await sign(TEST_HMAC_SECRET, { subject: "usr_someone_else" });
    const thief = track(await connect(ws(b), { token: other, resume: stolen, offset: 1 }));
    assert.notEqual(thief.session.sessionId, owner.session.sessionId);
    assert.equal(thief.session.recovered, false);
    const forged = track(await connect(ws(b), { token, resume: `${String(owner.session.sessionId)}.forgedsecret`, offset: 1 }));
    assert.notEqual(forged.session.sessionId, owner.session.sessionId);
  });

  test("a crisis message over the WebSocket reaches the clinicians' queue; the player gets the crisis resources, the upstream never the message", async () => {
    const client = track(await connect(ws(b), { token }));
    client.ws.send(CRISIS);
    const resources = await client.next((f) => f.type === "crisis-resources");
    assert.match(String(resources.eventId), /^evt_/);
    assert.ok(Array.isArray(resources.resources) && resources.resources.length > 0);
    const eventId = String(resources.eventId);
    const queued = await waitFor("the event in the queue", async () => (await listEscalationQueue(tdb.db)).find((e) => e.id === eventId));
    assert.equal(queued.routeName, "chat-ws");
    const detail = await getEscalation(tdb.db, eventId);
    assert.equal(detail.sessionId, client.session.sessionId);
    client.ws.send("ok");
    await client.next((f) => f.type === "message" && Client.data(f).echo === "ok");
    assert.ok(!client.frames.some((f) => f.type === "message" && Client.data(f).echo === CRISIS), "acknowledged by the gateway, not forwarded");
  });

  test("open connections per user are capped (429 over HTTP); a handshake without a valid key is a 400", async () => {
    const capped = await sign(TEST_HMAC_SECRET, { subject: "usr_ws_many" });
    for (let i = 0; i < 10; i++) track(await connect(ws(a), { token: capped }));
    const refused = (await open(ws(a), { token: capped })) as Refusal;
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, "GW_WS_CONNECTION_LIMIT");
    assert.ok(await open(ws(b), { token: capped }).then((c) => c instanceof Client && track(c)), "the cap is per gateway");
    const raw = await rawExchange(a.port, `GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    assert.equal(raw.status, 400);
    assert.equal(raw.json().error.code, "GW_WS_BAD_HANDSHAKE");
    const posted = await rawExchange(a.port, `POST /ws/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nContent-Length: 0\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    assert.equal(posted.status, 400, "a handshake is a GET");
    assert.equal(posted.json().error.code, "GW_WS_BAD_HANDSHAKE");
  });

  test("a clinician's message reaches the player through whichever gateway holds the session", async () => {
    const client = track(await connect(ws(a), { token }));
    const answer = await fetch(`${b.adminUrl}/ws/sessions/${String(client.session.sessionId)}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "Hi, I am Dr. Rivera from the care team.", from: { id: "usr_clin", label: "Dr. Rivera" } }),
    });
    assert.equal(answer.status, 202);
    const got = await client.next((f) => f.type === "message" && f.from === "clinician");
    assert.equal(got.data, "Hi, I am Dr. Rivera from the care team.");
    assert.equal(((await answer.json()) as { offset: number }).offset, got.offset);
  });
});

describe("websocket slow consumers and shutdown", () => {
  const prefix = `test:ws2:${randomBytes(4).toString("hex")}:`;
  let tdb: TestDatabase;
  let chat: DemoUpstream;
  let steady: Gateway;
  let tight: Gateway;
  let leaving: Gateway;
  const clients: Client[] = [];
  const ws = (g: Gateway) => `${g.url.replace("http", "ws")}/ws/chat`;
  const start = (id: string, websocket: GatewayOptions["websocket"] = {}) =>
    startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("silent").logger, instanceId: id, redisUrl: REDIS_URL, redisKeyPrefix: prefix, websocket });

  before(async () => {
    tdb = await createTestDatabase("gwwebsocket2");
    chat = (await startUpstreams("chat"))[0]!;
    await publishSnapshot(tdb.db, edgeSnapshot({ services: { chat: [chat.url] }, routes: [{ name: "chat-ws", path: "/ws/chat", service: "chat", websocket: true }] }));
    steady = await start("gw-ws-steady");
    tight = await start("gw-ws-tight", { maxBufferedBytes: 4 * 1024 });
    leaving = await start("gw-ws-leaving");
  });

  after(async () => {
    for (const c of clients) c.ws.terminate();
    for (const g of [steady, tight, leaving]) await g?.close();
    await chat?.close();
    await dropPrefix(prefix);
    await tdb?.drop();
  });

  test("a slow consumer is closed with 1013 and gets every kept message on resume", async () => {
    const client = await connect(ws(tight), {});
    clients.push(client);
    const { resumeToken } = client.session as unknown as { resumeToken: string };
    await client.next((f) => f.type === "message" && Client.data(f).kind === "hello");
    const socket = (client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    client.ws.send("/burst 400");
    socket.pause(); // stops reading: the gateway's queue for it grows past 4 KiB
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.resume();
    const closed = await client.closedWith();
    assert.equal(closed.code, 1013);
    assert.match(closed.reason, /slow consumer/);
    const got = client.frames.filter((f) => f.type === "message");
    const last = got.at(-1)?.offset as number;
    const resumed = await connect(ws(steady), { resume: resumeToken, offset: last });
    clients.push(resumed);
    assert.equal(resumed.session.recovered, true);
    await resumed.next((f) => f.type === "message" && Client.data(f).seq === 400);
    const seqs = [...got, ...resumed.frames.filter((f) => f.type === "message")].map((f) => Client.data(f)).filter((d) => d.kind === "reply").map((d) => d.seq);
    assert.deepEqual(seqs.slice(0, 400), Array.from({ length: 400 }, (_, i) => i + 1), "every reply, once, in order, across the two connections");
  });

  test("shutdown closes with 1001 and the resume token; the client resumes on another gateway", async () => {
    const client = await connect(ws(leaving), {});
    clients.push(client);
    const hello = await client.next((f) => f.type === "message" && Client.data(f).kind === "hello");
    await leaving.close();
    const closed = await client.closedWith();
    assert.equal(closed.code, 1001);
    assert.equal(closed.reason, `resume:${String(client.session.resumeToken)}`);
    const resumed = await connect(ws(steady), { resume: closed.reason.slice("resume:".length), offset: hello.offset as number });
    clients.push(resumed);
    assert.equal(resumed.session.recovered, true);
    assert.equal(resumed.session.sessionId, client.session.sessionId);
    const again = Client.data(await resumed.next((f) => f.type === "message" && Client.data(f).kind === "hello"));
    assert.equal(again.resumed, true);
  });
});

describe("websocket sessions on one gateway without Redis", () => {
  let tdb: TestDatabase;
  let chat: DemoUpstream;
  let gateway: Gateway;
  const clients: Client[] = [];
  const ws = (path: string) => `${gateway.url.replace("http", "ws")}${path}`;
  const routes = (withPlain: boolean) => [
    { name: "masked-ws", path: "/ws/masked", service: "chat", websocket: true, maskResponsePii: true },
    { name: "care-ws", path: "/ws/care", service: "chat", websocket: true, safetyScan: "enforce" as const },
    { name: "watch-ws", path: "/ws/watch", service: "chat", websocket: true, safetyScan: "monitor" as const },
    { name: "big-ws", path: "/ws/big", service: "chat", websocket: true, websocketPolicy: { maxMessageBytes: 4096, messagesPerSecond: 1, messageBurst: 2 } },
    ...(withPlain ? [{ name: "plain-ws", path: "/ws/plain", service: "chat", websocket: true }] : []),
  ];
  const take = async (path: string) => {
    const c = await connect(ws(path), {});
    clients.push(c);
    return c;
  };

  before(async () => {
    tdb = await createTestDatabase("gwwebsocketlocal");
    chat = (await startUpstreams("chat"))[0]!;
    await publishSnapshot(tdb.db, edgeSnapshot({ services: { chat: [chat.url] }, routes: routes(true) }));
    gateway = await startGateway({
      databaseUrl: tdb.url,
      port: 0,
      adminPort: 0,
      pollIntervalMs: 200,
      logger: captureLogger("silent").logger,
      instanceId: "gw-ws-local",
      websocket: { maxMessageBytes: 1024, messagesPerSecond: 2, messageBurst: 5 },
    });
  });

  after(async () => {
    for (const c of clients) c.ws.terminate();
    await gateway?.close();
    await chat?.close();
    await tdb?.drop();
  });

  test("the upstream's messages are PII-masked on a route that masks answers", async () => {
    const client = await take("/ws/masked");
    client.ws.send("write to jo.player@example.org or call 555-123-4567");
    const reply = await client.next((f) => f.type === "message" && Client.data(f).kind === "reply");
    assert.doesNotMatch(reply.data!, /jo\.player@example\.org/);
    assert.match(reply.data!, /\[EMAIL\]/);
  });

  test("on a route that masks answers a binary frame is withheld, and the player is told (kept in order)", async () => {
    const client = await take("/ws/masked");
    client.ws.send(Buffer.from("jo.player@example.org"), { binary: true });
    const withheld = await client.next((f) => f.type === "binary-withheld");
    assert.deepEqual([withheld.bytes, typeof withheld.offset], [21, "number"]);
    assert.equal(client.frames.some((f) => f.type === "binary"), false);
  });

  test("rooms work within the one gateway", async () => {
    const [one, two] = [await take("/ws/plain"), await take("/ws/plain")];
    for (const c of [one!, two!]) {
      c.ws.send("/join camp");
      await c.next((f) => f.type === "message" && /joined camp/.test(String(Client.data(f).text)));
    }
    two!.ws.send("/say camp anyone there?");
    for (const c of [one!, two!]) await c.next((f) => f.room === "camp" && Client.data(f).text === "anyone there?");
  });

  test("a message over the size limit closes with 1009; a client over its message rate with 1008", async () => {
    const big = await take("/ws/plain");
    big.ws.send("x".repeat(2048));
    assert.equal((await big.closedWith()).code, 1009);
    const chatty = await take("/ws/plain");
    for (let i = 0; i < 20; i++) chatty.ws.send(`move ${i}`);
    const closed = await chatty.closedWith();
    assert.equal(closed.code, 1008);
    assert.match(closed.reason, /rate/);
  });

  test("a route's own WebSocket policy: a larger message limit and a smaller burst than the gateway's", async () => {
    const roomy = await take("/ws/big");
    roomy.ws.send("y".repeat(3000)); // over the gateway's 1,024, within the route's 4,096
    await roomy.next((f) => f.type === "message" && Client.data(f).kind === "reply");
    roomy.ws.send("z".repeat(5000));
    assert.equal((await roomy.closedWith()).code, 1009);
    const quick = await take("/ws/big");
    for (let i = 0; i < 4; i++) quick.ws.send(`step ${i}`);
    assert.equal((await quick.closedWith()).code, 1008, "a burst of 2 on this route (the gateway's is 5)");
  });

  test("a resume of a crisis session that cannot be completed adds an entry to the clinician's event", async () => {
    const client = await take("/ws/care");
    client.ws.send(CRISIS);
    const eventId = String((await client.next((f) => f.type === "crisis-resources")).eventId);
    (client.ws as unknown as { _socket: { destroy(): void } })._socket.destroy();
    await waitFor("the event written", async () => (await listEscalationQueue(tdb.db)).some((e) => e.id === eventId));
    const resumed = await connect(ws("/ws/care"), { resume: String(client.session.resumeToken), offset: 999 });
    clients.push(resumed);
    assert.equal(resumed.session.sessionId, client.session.sessionId);
    assert.equal(resumed.session.recovered, false, "offset 999 was never given");
    const detail = await waitFor("the timeline entry", async () => {
      const d = await getEscalation(tdb.db, eventId);
      return d.timeline.some((e) => e.action === "event.session_recovery_failed") ? d : null;
    });
    assert.ok(detail.timeline.some((e) => /could not be recovered/.test(e.text ?? "")));
  });

  test("on a monitoring route a crisis is escalated and forwarded; the player gets no crisis-resources frame", async () => {
    const client = await take("/ws/watch");
    client.ws.send(CRISIS);
    await client.next((f) => f.type === "message" && Client.data(f).echo === CRISIS);
    const queued = await waitFor("the escalation", async () => (await listEscalationQueue(tdb.db)).find((e) => e.routeName === "watch-ws"));
    assert.equal((await getEscalation(tdb.db, queued.id)).sessionId, client.session.sessionId);
    assert.ok(!client.frames.some((f) => f.type === "crisis-resources"));
  });

  test("a new revision closes only the sessions whose route went away (1001)", async () => {
    const staying = await take("/ws/masked");
    const going = await take("/ws/plain");
    await publishSnapshot(tdb.db, edgeSnapshot({ services: { chat: [chat.url] }, routes: routes(false) }));
    const closed = await going.closedWith();
    assert.deepEqual([closed.code, closed.reason], [1001, "route removed"]);
    staying.ws.send("still open?");
    await staying.next((f) => f.type === "message" && Client.data(f).echo === "still open?");
  });
});

describe("websocket sessions while Redis is away", () => {
  let tdb: TestDatabase;
  let chat: DemoUpstream;
  let redis: OwnRedis;
  let gateway: Gateway;
  const clients: Client[] = [];
  const ws = () => `${gateway.url.replace("http", "ws")}/ws/chat`;

  before(async () => {
    tdb = await createTestDatabase("gwwebsocketredis");
    redis = await startOwnRedis();
    chat = (await startUpstreams("chat"))[0]!;
    await publishSnapshot(tdb.db, edgeSnapshot({ services: { chat: [chat.url] }, routes: [{ name: "chat-ws", path: "/ws/chat", service: "chat", websocket: true }] }));
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("silent").logger, instanceId: "gw-ws-redis-away", redisUrl: redis.url });
  });

  after(async () => {
    for (const c of clients) c.ws.terminate();
    await gateway?.close();
    await chat?.close();
    await redis?.stop();
    await tdb?.drop();
  });

  test("a player still connects and talks (frames not kept, counted; a resume says recovered: false); once Redis is back, sessions resume again", async () => {
    await redis.stop();
    const client = await connect(ws(), {});
    clients.push(client);
    client.ws.send("anyone?");
    const reply = await client.next((f) => f.type === "message" && Client.data(f).echo === "anyone?");
    assert.equal(typeof reply.offset, "number", "numbered by the gateway holding the session, though it could not be kept");
    const metrics = await fetch(`${gateway.adminUrl}/metrics`).then((r) => r.text());
    assert.match(metrics, /tta_gateway_ws_store_failures_total [1-9]/);
    // a resume cannot fill what was never kept: it says so
    client.ws.terminate();
    const back = await connect(ws(), { resume: String(client.session.resumeToken), offset: 0 });
    clients.push(back);
    assert.equal(back.session.recovered, false);

    await redis.start();
    const later = await waitFor("a session kept again", async () => {
      const c = await connect(ws(), {});
      clients.push(c);
      const hello = await c.next((f) => f.type === "message" && Client.data(f).kind === "hello");
      return typeof hello.offset === "number" ? { client: c, hello } : null;
    }, 10_000, 300);
    later.client.ws.terminate();
    const resumed = await connect(ws(), { resume: String(later.client.session.resumeToken), offset: later.hello.offset as number });
    clients.push(resumed);
    assert.equal(resumed.session.recovered, true);
  });
});
