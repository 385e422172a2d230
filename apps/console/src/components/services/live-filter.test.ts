import assert from "node:assert/strict";
import { test } from "node:test";
import type { TInstanceState, TTrafficRollup } from "@tta/domain/browser";
import { applySnapshot, emptyView, instanceRows } from "../operations/live-state.ts";
import { trafficSeries } from "../operations/traffic-buffer.ts";
import { serviceTraffic, serviceView } from "./live-filter.ts";

const T0 = 1_800_000_000_000;

function instance(service: string, url: string, source: TInstanceState["source"] = "static"): TInstanceState {
  return {
    service, instance: url, source, weight: 1, score: 100, inRotation: true, activeRequests: 0, lastCheckAt: T0, lastCheckOk: true, lastCheckError: null,
    breaker: { state: "closed", forced: "none", failures: 0, changedAt: T0, rolling: { windowMs: 10_000, successes: 0, failures: 0, connectionFailures: 0, rejects: 0 }, held: null },
  };
}

const heartbeat = (gatewayId: string) => ({ type: "gateway.heartbeat" as const, gatewayId, at: T0, startedAt: T0 - 1, revision: 2, adminUrl: "http://127.0.0.1:8081", mode: "local" as const, inFlight: 0, websockets: {} });

test("serviceView keeps every gateway but only the service's instances, static and registered", () => {
  const view = applySnapshot(emptyView, [
    { heartbeat: heartbeat("gw-a"), instances: [instance("players", "http://p1"), instance("players", "http://p2", "registered"), instance("chat", "http://c1")], traffic: null },
    { heartbeat: heartbeat("gw-b"), instances: [instance("chat", "http://c1")], traffic: null },
  ]);
  const players = serviceView(view, "players");
  assert.deepEqual(Object.keys(players.gateways), ["gw-a", "gw-b"]);
  assert.deepEqual(instanceRows(players, T0).map((r) => [r.service, r.instance, r.source]), [["players", "http://p1", "static"], ["players", "http://p2", "registered"]]);
  assert.equal(instanceRows(serviceView(view, "nobody"), T0).length, 0);
  assert.equal(instanceRows(view, T0).length, 3, "the operations view itself is left as it was");
});

test("serviceTraffic keeps only the routes that sent traffic to the service", () => {
  const rollup: TTrafficRollup = {
    type: "traffic.rollup", gatewayId: "gw-a", at: T0, windowMs: 5_000,
    routes: [
      { route: "players-api", service: "players", count: 10, errors: 1, p50: 5, p95: 9, p99: 12 },
      { route: "chat-api", service: "chat", count: 50, errors: 0, p50: 2, p95: 3, p99: 4 },
    ],
  } as TTrafficRollup;
  const series = trafficSeries(serviceTraffic({ rollups: [rollup] }, "players"), "route");
  assert.deepEqual(series.keys, ["players-api"]);
  assert.equal(series.buckets[0]!.total.rps, 2);
  assert.equal(series.buckets[0]!.total.errorRate, 10);
});
