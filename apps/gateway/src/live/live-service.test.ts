import { test } from "node:test";
import assert from "node:assert/strict";
import type { TBreakerCommand, TGatewayLiveState, TInstanceState, TLiveEvent } from "@tta/domain";
import { pino } from "pino";
import type { CompiledRoute } from "../config/compiled.ts";
import type { UpstreamStateSource } from "./contracts.ts";
import { createLiveService } from "./live-service.ts";
import { TrafficWindow } from "./rollup/traffic-window.ts";
import type { CommandHandler, LiveTransport } from "./transport/interface.ts";

const instance: TInstanceState = {
  service: "players", instance: "http://127.0.0.1:4101", source: "static", weight: 1, score: 100, inRotation: true, activeRequests: 0,
  lastCheckAt: null, lastCheckOk: null, lastCheckError: null, availability: "serving",
  breaker: { state: "closed", forced: "none", failures: 0, changedAt: 0, rolling: { windowMs: 10_000, successes: 0, failures: 0, connectionFailures: 0, rejects: 0 }, held: null },
};

function fakeTransport() {
  const published: TLiveEvent[] = [];
  const saved: TGatewayLiveState[] = [];
  let handler: CommandHandler | null = null;
  const transport: LiveTransport = {
    mode: "redis",
    publish: (e) => void published.push(e),
    subscribe: () => () => {},
    saveState: (s) => void saved.push(s),
    onCommand: (h) => void (handler = h),
    close: async () => {},
  };
  return { transport, published, saved, command: (c: TBreakerCommand) => handler!(c) };
}

function setup(state: Partial<UpstreamStateSource> = {}) {
  const fake = fakeTransport();
  const commands: TBreakerCommand[] = [];
  const source: UpstreamStateSource = {
    instances: () => [instance],
    applyBreakerCommand: (c) => (commands.push(c), c.service === "players"),
    ...state,
  };
  const traffic = new TrafficWindow();
  const teed: TLiveEvent[] = [];
  const counted: string[] = [];
  const live = createLiveService({
    gatewayId: "gw-1", transport: fake.transport, traffic, adminUrl: () => "http://127.0.0.1:8081", revision: () => 7, inFlight: () => 3,
    upstreamState: () => source, log: pino({ level: "silent" }), heartbeatIntervalMs: 20, rollupIntervalMs: 30,
    tee: { publish: (e) => void teed.push(e) }, onEvent: (t) => void counted.push(t),
  });
  return { ...fake, live, traffic, commands, teed, counted };
}

test("start sends a heartbeat and saves the full state at once, then every interval", async () => {
  const { live, published, saved, teed, counted } = setup();
  live.start();
  assert.equal(published[0]?.type, "gateway.heartbeat");
  assert.deepEqual(saved[0]?.instances, [instance]);
  assert.deepEqual({ ...saved[0]!.heartbeat, at: 0, startedAt: 0 }, {
    type: "gateway.heartbeat", gatewayId: "gw-1", at: 0, startedAt: 0, revision: 7, adminUrl: "http://127.0.0.1:8081", mode: "redis", inFlight: 3, websockets: {},
  });
  await new Promise((r) => setTimeout(r, 75));
  await live.close();
  assert.ok(saved.length >= 3, `heartbeats: ${saved.length}`);
  assert.equal(teed.length, published.length, "the tee sees every event");
  assert.equal(counted.length, published.length, "every event is counted");
});

test("roll-ups carry the window's traffic and become part of the state", async () => {
  const { live, published, traffic } = setup();
  live.start();
  const route = { name: "players-api", service: { name: "players" } } as unknown as CompiledRoute;
  traffic.record(route, 200, false, 4);
  traffic.record(route, 502, true, 8);
  await new Promise((r) => setTimeout(r, 45));
  await live.close();
  const rollups = published.filter((e) => e.type === "traffic.rollup");
  assert.ok(rollups.length >= 1);
  assert.deepEqual(rollups[0]!.routes, [
    { route: "players-api", service: "players", count: 2, errors: 1, status2xx: 1, status3xx: 0, status4xx: 0, status429: 0, status5xx: 1, p50: 4, p95: 8, p99: 8 },
  ]);
  assert.ok(rollups[0]!.windowMs >= 20);
  assert.ok(live.state().traffic, "the last roll-up is in the state");
  const history = live.trafficHistory("5m");
  assert.equal(history.gatewayId, "gw-1");
  assert.deepEqual(history.rollups, rollups, "the live range is every roll-up published");
});

test("a command from the transport is applied through UpstreamStateSource and acknowledged", () => {
  const { command, commands } = setup();
  const ack = command({ service: "players", instance: instance.instance, action: "force_open", correlationId: "req_1" });
  assert.deepEqual({ ...ack, at: 0 }, { gatewayId: "gw-1", correlationId: "req_1", applied: true, at: 0 });
  assert.equal(commands.length, 1);
  assert.equal(command({ service: "chat", instance: "http://x", action: "reset", correlationId: "req_2" }).applied, false);
});

test("a failing upstream state never breaks the heartbeat or a command", () => {
  const { live, command } = setup({
    instances: () => { throw new Error("boom"); },
    applyBreakerCommand: () => { throw new Error("boom"); },
  });
  assert.deepEqual(live.state().instances, []);
  assert.equal(command({ service: "players", instance: "http://x", action: "reset", correlationId: "req_3" }).applied, false);
});

test("publishing never throws, even when the transport does", () => {
  const { live, transport } = setup();
  transport.publish = () => { throw new Error("transport down"); };
  assert.doesNotThrow(() => live.publish({ type: "health.change", gatewayId: "gw-1", at: 1, service: "players", instance: "http://x", previousScore: 100, score: 20, inRotation: false, reason: "test" }));
});
