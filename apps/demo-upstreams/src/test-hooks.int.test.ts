// The demo upstreams' test hook on real loopback sockets: down (refused or 503), up on the same
// port, and the control endpoint's refusals.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startControlServer, type ControlServer } from "./control.ts";
import { startDemoUpstream, type DemoUpstream } from "./server.ts";

let players: DemoUpstream;
let auth: DemoUpstream;
let control: ControlServer;

before(async () => {
  players = await startDemoUpstream({ name: "players" });
  auth = await startDemoUpstream({ name: "auth" });
  control = await startControlServer({ upstreams: [players, auth], port: 0 });
});
after(async () => {
  await Promise.all([players.close(), auth.close(), control.close()]);
});

async function status(url: string): Promise<number | string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status;
  } catch (error) {
    return ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? (error as Error).name;
  }
}

const post = (path: string) => fetch(`${control.url}${path}`, { method: "POST" });

test("down (default) closes the listener: connections are refused; up serves again on the same port", async () => {
  assert.equal(await status(`${players.url}/health`), 200);
  const res = await post("/control/players/down");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { name: "players", url: players.url, state: "down:refuse" });
  assert.equal(await status(`${players.url}/health`), "ECONNREFUSED");
  assert.equal(await status(`${players.url}/anything`), "ECONNREFUSED");
  assert.equal(await status(`${auth.url}/health`), 200, "the other services stay up");

  const up = await post("/control/players/up");
  assert.equal(up.status, 200);
  assert.equal(((await up.json()) as { state: string }).state, "up");
  assert.equal(await status(`${players.url}/health`), 200);
});

test("down?mode=error answers 503 everywhere, /health included, until up", async () => {
  await post("/control/auth/down?mode=error");
  assert.equal(await status(`${auth.url}/health`), 503);
  assert.equal(await status(`${auth.url}/auth/login`), 503);
  // Switching modes while down works both ways.
  await post("/control/auth/down?mode=refuse");
  assert.equal(await status(`${auth.url}/health`), "ECONNREFUSED");
  await post("/control/auth/down?mode=error");
  assert.equal(await status(`${auth.url}/health`), 503);
  await post("/control/auth/up");
  assert.equal(await status(`${auth.url}/health`), 200);
});

test("down and up are idempotent", async () => {
  await post("/control/players/down");
  assert.equal((await post("/control/players/down")).status, 200);
  await post("/control/players/up");
  assert.equal((await post("/control/players/up")).status, 200);
  assert.equal(await status(`${players.url}/health`), 200);
});

test("a kept-alive connection opened before the service went down gets the 503 too", async () => {
  const { Agent, request } = await import("node:http");
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<number | string>((resolve) => {
      request(`${players.url}/x`, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
        .on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
        .end();
    });
  assert.equal(await get(), 200);
  await post("/control/players/down?mode=error");
  assert.equal(await get(), 503);
  await post("/control/players/up");
  assert.equal(await get(), 200);
  agent.destroy();
});

test("GET /control lists every service and its state", async () => {
  await post("/control/auth/down?mode=error");
  const res = await fetch(`${control.url}/control`);
  assert.deepEqual(await res.json(), {
    services: [
      { name: "players", url: players.url, state: "up" },
      { name: "auth", url: auth.url, state: "down:error" },
    ],
  });
  await post("/control/auth/up");
});

test("unknown services, actions, modes and methods are refused without changing anything", async () => {
  assert.equal((await post("/control/nobody/down")).status, 404);
  assert.equal((await post("/control/players/explode")).status, 404);
  assert.equal((await post("/control/players/down?mode=slow")).status, 400);
  assert.equal((await fetch(`${control.url}/control/players/down`)).status, 405);
  assert.equal((await post("/control")).status, 405);
  assert.equal((await post("/elsewhere")).status, 404);
  assert.equal(players.state(), "up");
});

test("the control endpoint refuses to bind anywhere but loopback", async () => {
  await assert.rejects(startControlServer({ upstreams: [], port: 0, host: "0.0.0.0" }), /loopback/);
});
