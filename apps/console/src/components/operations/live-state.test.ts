import assert from "node:assert/strict";
import { test } from "node:test";
import type { TGatewayHeartbeat, TInstanceState } from "@tta/domain/browser";
import { applyEvent, applySnapshot, emptyView, instanceKey, instanceRows, isStale, byService, STALE_AFTER_MS, type GatewaySnapshot } from "./live-state.ts";

const T0 = 1_800_000_000_000;
const PLAYERS = "http://127.0.0.1:4102";

function heartbeat(gatewayId: string, at = T0): TGatewayHeartbeat {
  return { type: "gateway.heartbeat", gatewayId, at, startedAt: T0 - 60_000, revision: 3, adminUrl: "http://127.0.0.1:8081", mode: "local", inFlight: 0, websockets: {} };
}

const NO_CALLS = { windowMs: 10_000, successes: 0, failures: 0, connectionFailures: 0, rejects: 0 };

function breaker(b: Omit<TInstanceState["breaker"], "rolling" | "held">): TInstanceState["breaker"] {
  return { ...b, rolling: NO_CALLS, held: null };
}

function instance(overrides: Partial<TInstanceState> = {}): TInstanceState {
  return {
    service: "players",
    instance: PLAYERS,
    source: "static",
    weight: 1,
    score: 100,
    inRotation: true,
    activeRequests: 0,
    lastCheckAt: T0 - 1_000,
    lastCheckOk: true,
    lastCheckError: null,
    breaker: breaker({ state: "closed", forced: "none", failures: 0, changedAt: T0 - 30_000 }),
    ...overrides,
  };
}

function snapshot(gatewayId: string, at: number, instances: TInstanceState[], stale?: boolean): GatewaySnapshot {
  return { heartbeat: heartbeat(gatewayId, at), instances, traffic: null, ...(stale === undefined ? {} : { stale }) };
}

const key = instanceKey("players", PLAYERS);

test("a breaker transition and a health change update the one instance they name", () => {
  let view = applySnapshot(emptyView, [snapshot("gw-a", T0, [instance(), instance({ service: "auth", instance: "http://127.0.0.1:4101" })])]);
  view = applyEvent(view, { type: "breaker.transition", gatewayId: "gw-a", at: T0 + 10, service: "players", instance: PLAYERS, from: "closed", to: "open", forced: "none", reason: "5 failures" });
  view = applyEvent(view, { type: "health.change", gatewayId: "gw-a", at: T0 + 20, service: "players", instance: PLAYERS, previousScore: 100, score: 10, inRotation: false, reason: "health check failed" });
  const players = view.gateways["gw-a"]!.instances[key]!;
  assert.equal(players.breaker.state, "open");
  assert.equal(players.breaker.changedAt, T0 + 10);
  assert.equal(players.score, 10);
  assert.equal(players.inRotation, false);
  assert.equal(view.gateways["gw-a"]!.instances[instanceKey("auth", "http://127.0.0.1:4101")]!.score, 100);
  assert.equal(view.incomplete, false);
});

test("a snapshot older than the events applied does not undo them; a newer one wins", () => {
  let view = applySnapshot(emptyView, [snapshot("gw-a", T0, [instance()])]);
  view = applyEvent(view, { type: "breaker.transition", gatewayId: "gw-a", at: T0 + 500, service: "players", instance: PLAYERS, from: "closed", to: "open", forced: "open", reason: "forced" });
  view = applyEvent(view, { type: "health.change", gatewayId: "gw-a", at: T0 + 500, service: "players", instance: PLAYERS, previousScore: 100, score: 20, inRotation: false, reason: "x" });
  // Stored by the gateway before those events (cluster mode: up to one heartbeat old).
  const older = applySnapshot(view, [snapshot("gw-a", T0 + 400, [instance({ activeRequests: 3 })])]);
  const i = older.gateways["gw-a"]!.instances[key]!;
  assert.equal(i.breaker.state, "open");
  assert.equal(i.breaker.forced, "open");
  assert.equal(i.score, 20);
  assert.equal(i.activeRequests, 3, "fields that events do not carry come from the snapshot");

  const newer = applySnapshot(view, [snapshot("gw-a", T0 + 900, [instance({ score: 80, breaker: breaker({ state: "half_open", forced: "none", failures: 0, changedAt: T0 + 800 }) })])]);
  const j = newer.gateways["gw-a"]!.instances[key]!;
  assert.equal(j.breaker.state, "half_open");
  assert.equal(j.score, 80);
});

test("events older than what the view holds are ignored", () => {
  let view = applySnapshot(emptyView, [snapshot("gw-a", T0, [instance({ breaker: breaker({ state: "open", forced: "none", failures: 5, changedAt: T0 }) })])]);
  view = applyEvent(view, { type: "breaker.transition", gatewayId: "gw-a", at: T0 - 5, service: "players", instance: PLAYERS, from: "open", to: "closed", forced: "none", reason: "late" });
  view = applyEvent(view, { type: "health.change", gatewayId: "gw-a", at: T0 - 5, service: "players", instance: PLAYERS, previousScore: 0, score: 99, inRotation: true, reason: "late" });
  view = applyEvent(view, heartbeat("gw-a", T0 - 5));
  const g = view.gateways["gw-a"]!;
  assert.equal(g.instances[key]!.breaker.state, "open");
  assert.equal(g.instances[key]!.score, 100);
  assert.equal(g.heartbeat.at, T0);
});

test("an event about an unknown gateway or instance marks the view incomplete (the page loads the state again)", () => {
  const view = applySnapshot(emptyView, [snapshot("gw-a", T0, [instance()])]);
  assert.equal(applyEvent(view, heartbeat("gw-b", T0 + 1)).incomplete, true);
  assert.ok(applyEvent(view, heartbeat("gw-b", T0 + 1)).gateways["gw-b"], "the new gateway shows at once");
  const unknown = applyEvent(view, { type: "health.change", gatewayId: "gw-a", at: T0 + 1, service: "chat", instance: "http://x", previousScore: 100, score: 0, inRotation: false, reason: "x" });
  assert.equal(unknown.incomplete, true);
  assert.equal(applySnapshot(unknown, [snapshot("gw-a", T0 + 2, [instance()])]).incomplete, false);
});

test("a gateway is stale when the server says so or when its heartbeat is too old", () => {
  const view = applySnapshot(emptyView, [snapshot("gw-a", T0, [instance()]), snapshot("gw-b", T0, [instance()], true)]);
  assert.equal(isStale(view.gateways["gw-a"]!, T0 + 1_000), false);
  assert.equal(isStale(view.gateways["gw-a"]!, T0 + STALE_AFTER_MS + 1), true);
  assert.equal(isStale(view.gateways["gw-b"]!, T0 + 1_000), true);
  // A heartbeat after the snapshot brings it back.
  assert.equal(isStale(applyEvent(view, heartbeat("gw-b", T0 + 2_000)).gateways["gw-b"]!, T0 + 2_500), false);
});

test("rows combine the gateways: lowest score, worst breaker, forced marker, active requests summed, stale gateways left out", () => {
  const view = applySnapshot(emptyView, [
    snapshot("gw-a", T0, [instance({ score: 90, activeRequests: 2, lastCheckAt: T0 - 2_000 })]),
    snapshot("gw-b", T0, [instance({ score: 40, activeRequests: 1, inRotation: true, lastCheckAt: T0 - 500, lastCheckOk: false, lastCheckError: "ECONNREFUSED", breaker: breaker({ state: "half_open", forced: "none", failures: 1, changedAt: T0 }) })]),
    snapshot("gw-c", T0 - 60_000, [instance({ score: 0, inRotation: false, breaker: breaker({ state: "open", forced: "open", failures: 9, changedAt: T0 }) })]),
  ]);
  const [row] = instanceRows(view, T0 + 100);
  assert.ok(row);
  assert.equal(row.score, 40);
  assert.equal(row.breaker, "half_open");
  assert.equal(row.forced, false, "the forced breaker is on a stale gateway");
  assert.equal(row.activeRequests, 3);
  assert.equal(row.inRotation, true);
  assert.equal(row.reportedBy, 2);
  assert.deepEqual(row.lastCheck, { at: T0 - 500, ok: false, error: "ECONNREFUSED" });
  assert.deepEqual(row.perGateway.map((c) => [c.gatewayId, c.stale]), [["gw-a", false], ["gw-b", false], ["gw-c", true]]);
});

test("rows are grouped by service in name order", () => {
  const view = applySnapshot(emptyView, [
    snapshot("gw-a", T0, [instance({ instance: "http://b:1" }), instance({ service: "auth", instance: "http://a:1" }), instance({ instance: "http://a:2" })]),
  ]);
  const groups = byService(instanceRows(view, T0));
  assert.deepEqual(groups.map((g) => [g.service, g.rows.map((r) => r.instance)]), [["auth", ["http://a:1"]], ["players", ["http://a:2", "http://b:1"]]]);
});

test("a gateway missing from a new snapshot is dropped", () => {
  const view = applySnapshot(emptyView, [snapshot("gw-a", T0, [instance()]), snapshot("gw-b", T0, [instance()])]);
  assert.deepEqual(Object.keys(applySnapshot(view, [snapshot("gw-b", T0 + 1, [instance()])]).gateways), ["gw-b"]);
});

test("an instance in rotation whose breaker is open is its own case, not out of rotation and not serving", () => {
  const open = breaker({ state: "open", forced: "none", failures: 12, changedAt: T0 });
  const view = applySnapshot(emptyView, [
    snapshot("gw-a", T0, [instance({ breaker: open }), instance({ instance: "http://127.0.0.1:4103" }), instance({ instance: "http://127.0.0.1:4104", inRotation: false, score: 0, breaker: open })]),
  ]);
  assert.deepEqual(instanceRows(view, T0 + 100).map((r) => [r.instance, r.availability]), [
    [PLAYERS, "breaker_open"],
    ["http://127.0.0.1:4103", "serving"],
    ["http://127.0.0.1:4104", "out_of_rotation"],
  ]);
  const probing = applyEvent(view, { type: "breaker.transition", gatewayId: "gw-a", at: T0 + 10, service: "players", instance: PLAYERS, from: "open", to: "half_open", forced: "none", reason: "an active health check passed" });
  assert.equal(instanceRows(probing, T0 + 100)[0]!.availability, "probing");
});
