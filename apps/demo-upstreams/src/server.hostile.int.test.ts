// Hostile bodies on real loopback sockets: a client that promises more bytes than it sends and
// disconnects, a body over the limit, bad JSON. Each gets a clear answer (or none when the client
// is gone) and the service keeps answering; before the fix the first one killed the process.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, afterEach, before, test } from "node:test";
import { startDemoUpstream, type DemoUpstream } from "./server.ts";

let auth: DemoUpstream;
let players: DemoUpstream;
// In the demo process an unhandled rejection is fatal; the test runner only reports it, so count them.
const unhandled: unknown[] = [];
process.on("unhandledRejection", (reason) => unhandled.push(reason));
afterEach(() => assert.deepEqual(unhandled.map(String), [], "no request may end in an unhandled rejection"));

before(async () => {
  auth = await startDemoUpstream({ name: "auth" });
  players = await startDemoUpstream({ name: "players" });
});
after(async () => {
  await Promise.all([auth.close(), players.close()]);
});

/** Sends headers promising `declared` bytes, then `sent`, then destroys the socket. */
function abortMidBody(port: number, path: string, declared: number, sent: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n${sent}`);
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 100);
    });
    socket.on("error", reject);
  });
}

/** One raw request; resolves with the status line and body. */
function raw(port: number, request: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let text = "";
    socket.on("data", (d) => (text += d));
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf("\r\n\r\n") + 4) });
    });
    socket.on("error", reject);
    setTimeout(() => socket.destroy(), 3_000).unref();
  });
}

async function login(): Promise<number> {
  const res = await fetch(`${auth.url}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "player" }) });
  await res.arrayBuffer();
  return res.status;
}

test("a login whose client disconnects mid-body does not stop the auth service", async () => {
  for (let i = 0; i < 3; i++) await abortMidBody(auth.port, "/auth/login", 1000, '{"username');
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(await login(), 200);
});

test("the echo services survive a client that disconnects mid-body too", async () => {
  await abortMidBody(players.port, "/players/1", 1000, "0123456789");
  await new Promise((r) => setTimeout(r, 100));
  const res = await fetch(`${players.url}/players/1`, { method: "POST", body: "hello" });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { body: string }).body, "hello");
});

test("a body over the limit gets 413 JSON, declared or streamed", async () => {
  const declared = await raw(auth.port, "POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
  assert.equal(declared.status, 413);
  assert.equal(JSON.parse(declared.body).error, "payload_too_large");
  const big = "x".repeat(9_000);
  const chunked = await raw(auth.port, `POST /auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`);
  assert.equal(chunked.status, 413);
  assert.equal(await login(), 200);
});

test("bad JSON gets 400 JSON", async () => {
  const res = await fetch(`${auth.url}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"username":' });
  assert.equal(res.status, 400);
  assert.equal(((await res.json()) as { error: string }).error, "invalid_request");
  assert.equal(await login(), 200);
});
