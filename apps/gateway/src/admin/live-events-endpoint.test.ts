import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { TGatewayHeartbeat, TLiveEvent } from "@tta/domain";
import { openSse } from "../testing/sse-client.ts";
import type { LiveService } from "../live/live-service.ts";
import type { LiveListener } from "../live/transport/interface.ts";
import { adminToken } from "./admin-token.ts";
import { liveEventsEndpoint } from "./live-events-endpoint.ts";

const heartbeat: TGatewayHeartbeat = { type: "gateway.heartbeat", gatewayId: "gw-1", at: 1, startedAt: 0, revision: 1, adminUrl: "http://a", mode: "local", inFlight: 0, websockets: {} };

async function serve(keepAliveMs: number) {
  const listeners = new Set<LiveListener>();
  const live = {
    state: () => ({ heartbeat, instances: [], traffic: null }),
    subscribe: (l: LiveListener) => (listeners.add(l), () => listeners.delete(l)),
  } as unknown as LiveService;
  const endpoint = liveEventsEndpoint(live, adminToken(undefined), { keepAliveMs });
  const server = http.createServer((req, res) => void endpoint.handle(req, res, "req_test"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/live/events`;
  const emit = (e: TLiveEvent) => listeners.forEach((l) => l(e, JSON.stringify(e)));
  const close = () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  return { url, emit, listeners, close };
}

test("the stream starts with a heartbeat, relays events, sends keep-alive comments when idle and unsubscribes on close", async () => {
  const s = await serve(60);
  const stream = await openSse<TLiveEvent>(s.url);
  try {
    assert.equal(stream.status, 200);
    assert.deepEqual(await stream.next(() => true), heartbeat);
    s.emit({ ...heartbeat, at: 2 });
    assert.equal((await stream.next((e) => e.type === "gateway.heartbeat" && e.at === 2)).at, 2);
    await new Promise((r) => setTimeout(r, 150));
    assert.ok(stream.comments.includes("keep-alive"), `comments: ${stream.comments.join(",")}`);
    assert.equal(s.listeners.size, 1);
  } finally {
    stream.close();
  }
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(s.listeners.size, 0, "the listener goes with the connection");
  await s.close();
});

test("a client that stops reading is cut once its buffer passes the bound, and nothing is written after", async () => {
  const listeners = new Set<LiveListener>();
  const live = {
    state: () => ({ heartbeat, instances: [], traffic: null }),
    subscribe: (l: LiveListener) => (listeners.add(l), () => listeners.delete(l)),
  } as unknown as LiveService;
  const endpoint = liveEventsEndpoint(live, adminToken(undefined), { maxBufferedBytes: 64 * 1024 });
  let closed = false;
  const server = http.createServer((req, res) => {
    res.once("close", () => (closed = true));
    void endpoint.handle(req, res, "req_test");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const req = http.get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/live/events`);
  const res = await new Promise<http.IncomingMessage>((r) => req.once("response", r));
  res.pause(); // never reads again
  const big = { ...heartbeat, adminUrl: "x".repeat(16 * 1024) };
  for (let i = 0; i < 2_000 && !closed; i++) {
    for (const l of listeners) l(big, JSON.stringify(big));
    await new Promise((r) => setImmediate(r));
  }
  assert.ok(closed, "the slow client was cut");
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(listeners.size, 0, "and unsubscribed");
  req.destroy();
  await new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
});
