import assert from "node:assert/strict";
import { test } from "node:test";
import type { TGatewayHeartbeat, TInstanceState } from "@tta/domain/browser";
import { applyEvent, applySnapshot, emptyView, STALE_AFTER_MS, type GatewaySnapshot } from "../operations/live-state.ts";
import { liveFigures } from "./live-figures.ts";

const T0 = 1_800_000_000_000;
const PLAYERS = "http://127.0.0.1:4102";
const SESSIONS = "http://127.0.0.1:4103";

function heartbeat(gatewayId: string, at: number, revision: number | null): TGatewayHeartbeat {
  return { type: "gateway.heartbeat", gatewayId, at, startedAt: T0 - 60_000, revision, adminUrl: "http://127.0.0.1:8081", mode: "local", inFlight: 0, websockets: {} };
}

function instance(service: string, origin: string, overrides: Partial<TInstanceState> = {}): TInstanceState {
  return {
    service,
    instance: origin,
    source: "static",
    weight: 1,
    score: 100,
    inRotation: true,
    activeRequests: 0,
    lastCheckAt: T0 - 1_000,
    lastCheckOk: true,
    lastCheckError: null,
    breaker: { state: "closed", forced: "none", failures: 0, changedAt: T0 - 30_000, rolling: { windowMs: 10_000, successes: 0, failures: 0, connectionFailures: 0, rejects: 0 }, held: null },
    ...overrides,
  };
}

const snapshot = (gatewayId: string, at: number, revision: number | null, instances: TInstanceState[]): GatewaySnapshot => ({ heartbeat: heartbeat(gatewayId, at, revision), instances, traffic: null });

test("gateways up are those still heartbeating; the revisions are those the live ones run", () => {
  const view = applySnapshot(emptyView, [snapshot("gw-a", T0, 7, []), snapshot("gw-b", T0, 6, []), snapshot("gw-old", T0 - STALE_AFTER_MS - 1, 5, [])]);
  const f = liveFigures(view, T0);
  assert.equal(f.gatewaysUp, 2);
  assert.equal(f.gatewaysKnown, 3);
  assert.deepEqual(f.runningRevisions, [6, 7]);
});

test("a killed upstream shows as an open breaker, then out of rotation, counted once across gateways", () => {
  const instances = () => [instance("players", PLAYERS), instance("sessions", SESSIONS)];
  let view = applySnapshot(emptyView, [snapshot("gw-a", T0, 7, instances()), snapshot("gw-b", T0, 7, instances())]);
  assert.deepEqual(liveFigures(view, T0).breakersOpen, []);
  assert.deepEqual(liveFigures(view, T0).outOfRotation, []);

  view = applyEvent(view, { type: "breaker.transition", gatewayId: "gw-a", at: T0 + 10, service: "sessions", instance: SESSIONS, from: "closed", to: "open", forced: "none", reason: "3 failures" });
  let f = liveFigures(view, T0 + 20);
  assert.deepEqual(f.breakersOpen, [{ service: "sessions", instance: SESSIONS }]);
  assert.deepEqual(f.outOfRotation, []);

  for (const gatewayId of ["gw-a", "gw-b"]) {
    view = applyEvent(view, { type: "health.change", gatewayId, at: T0 + 30, service: "sessions", instance: SESSIONS, previousScore: 100, score: 10, inRotation: false, reason: "health check failed" });
  }
  f = liveFigures(view, T0 + 40);
  assert.deepEqual(f.outOfRotation, [{ service: "sessions", instance: SESSIONS }]);
  assert.equal(f.instances, 2);

  view = applyEvent(view, { type: "breaker.transition", gatewayId: "gw-a", at: T0 + 50, service: "sessions", instance: SESSIONS, from: "open", to: "half_open", forced: "none", reason: "open time over" });
  f = liveFigures(view, T0 + 60);
  assert.deepEqual(f.breakersOpen, []);
  assert.equal(f.breakersHalfOpen, 1);
});
