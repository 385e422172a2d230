// The demo services' WebSocket side on real loopback sockets, with a real ws client: the hello frame
// (with the gateway's headers), replies, the room control frames, bursts, binary echo, close codes,
// and connections cut when the service goes down.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { WebSocket, type RawData } from "ws";
import { startDemoUpstream, type DemoUpstream } from "./server.ts";

let chat: DemoUpstream;
let narrative: DemoUpstream;

before(async () => {
  chat = await startDemoUpstream({ name: "chat", instance: "chat-1" });
  narrative = await startDemoUpstream({ name: "narrative" });
});
after(async () => {
  await Promise.all([chat.close(), narrative.close()]);
});

interface Client {
  ws: WebSocket;
  /** The next `n` frames (text ones parsed as JSON, binary ones as Buffers). */
  next(n?: number): Promise<unknown[]>;
  closed: Promise<{ code: number; reason: string }>;
}

function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const ws = new WebSocket(url, { headers });
  const frames: unknown[] = [];
  let wake = () => {};
  ws.on("message", (data: RawData, isBinary) => {
    frames.push(isBinary ? Buffer.from(data as Buffer) : JSON.parse(data.toString()));
    wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  const next = async (n = 1) => {
    const deadline = Date.now() + 3_000;
    while (frames.length < n) {
      if (Date.now() > deadline) throw new Error(`waited for ${n} frames, got ${frames.length}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
    return frames.splice(0, n);
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve({ ws, next, closed }));
    ws.once("error", reject);
  });
}

const wsUrl = (u: DemoUpstream, path: string) => `${u.url.replace("http:", "ws:")}${path}`;

test("the hello frame says who answered and what the gateway passed", async () => {
  const c = await connect(wsUrl(chat, "/ws/chat?x=1"), { "x-tta-session-id": "wss_abc", "x-tta-session-resumed": "1", "x-tta-user-id": "usr_player" });
  assert.deepEqual(await c.next(), [{ kind: "hello", service: "chat", instance: "chat-1", path: "/ws/chat?x=1", sessionId: "wss_abc", resumed: true, user: "usr_player" }]);
  c.ws.close();
  const bare = await connect(wsUrl(narrative, "/"));
  const [hello] = (await bare.next()) as [Record<string, unknown>];
  assert.deepEqual([hello.sessionId, hello.resumed, hello.user], [null, false, null]);
  bare.ws.close();
});

test("a text frame gets a service-flavoured reply that echoes it", async () => {
  const c = await connect(wsUrl(narrative, "/ws/narrative"));
  await c.next();
  c.ws.send("I open the door");
  assert.deepEqual(await c.next(), [{ kind: "reply", service: "narrative", text: "The story continues: I open the door", echo: "I open the door" }]);
  c.ws.close();
});

test("/join, /leave and /say answer with the gateway's control frames", async () => {
  const c = await connect(wsUrl(chat, "/ws/chat"), { "x-tta-user-id": "usr_player" });
  await c.next();
  c.ws.send("/join garden");
  const [join, joined] = (await c.next(2)) as [unknown, Record<string, unknown>];
  assert.deepEqual(join, { $tta: "join", room: "garden" });
  assert.deepEqual([joined.kind, joined.echo], ["reply", "/join garden"]);
  c.ws.send("/say garden hello  everyone");
  const [say] = (await c.next()) as [{ $tta: string; room: string; data: string }];
  assert.deepEqual([say.$tta, say.room], ["broadcast", "garden"]);
  assert.deepEqual(JSON.parse(say.data), { kind: "room", room: "garden", from: "usr_player", text: "hello  everyone" });
  c.ws.send("/leave garden");
  const [leave, left] = (await c.next(2)) as [unknown, Record<string, unknown>];
  assert.deepEqual(leave, { $tta: "leave", room: "garden" });
  assert.equal(left.kind, "reply");
  c.ws.send("/join");
  assert.equal(((await c.next()) as [Record<string, unknown>])[0].kind, "reply", "a command without a room is just text");
  c.ws.close();
});

test("/burst <n> sends n replies numbered 1..n, and refuses more than 1000", async () => {
  const c = await connect(wsUrl(chat, "/ws/chat"));
  await c.next();
  c.ws.send("/burst 250");
  const burst = (await c.next(250)) as Array<{ kind: string; seq: number }>;
  assert.deepEqual(burst.map((f) => f.seq), Array.from({ length: 250 }, (_, i) => i + 1));
  assert.ok(burst.every((f) => f.kind === "reply"));
  c.ws.send("/burst 1001");
  const [refused] = (await c.next()) as [{ text: string; seq?: number }];
  assert.match(refused.text, /1 to 1000/);
  assert.equal(refused.seq, undefined);
  c.ws.close();
});

test("binary frames are echoed back as binary", async () => {
  const c = await connect(wsUrl(chat, "/bin"));
  await c.next();
  const bytes = Buffer.from([0, 1, 2, 254, 255]);
  c.ws.send(bytes);
  assert.deepEqual(await c.next(), [bytes]);
  c.ws.close();
});

test("a close from the client is answered with its code", async () => {
  const c = await connect(wsUrl(chat, "/ws/chat"));
  await c.next();
  c.ws.close(4001, "bye");
  assert.deepEqual(await c.closed, { code: 4001, reason: "bye" });
});

test("taking the service down cuts its WebSocket connections; down in error mode refuses upgrades with 503", async () => {
  const c = await connect(wsUrl(chat, "/ws/chat"));
  await c.next();
  await chat.down("error");
  assert.equal((await c.closed).code, 1006, "terminated, not closed politely");
  await assert.rejects(connect(wsUrl(chat, "/ws/chat")), /Unexpected server response: 503/);
  await chat.up();
  const again = await connect(wsUrl(chat, "/ws/chat"));
  await again.next();
  await chat.down("refuse");
  assert.equal((await again.closed).code, 1006);
  await chat.up();
  const last = await connect(wsUrl(chat, "/ws/chat"));
  await last.next();
  await chat.close();
  assert.equal((await last.closed).code, 1006, "close() cuts them too");
  chat = await startDemoUpstream({ name: "chat", port: chat.port }); // for after()
});
