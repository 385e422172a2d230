import { test } from "node:test";
import assert from "node:assert/strict";
import type { TGatewayLiveState } from "@tta/domain";
import { FORGET_AFTER_MS, GatewayMemory } from "./gateway-memory.ts";

const state = (gatewayId: string, at: number): TGatewayLiveState => ({
  heartbeat: { type: "gateway.heartbeat", gatewayId, at, startedAt: 0, revision: 1, adminUrl: "http://a", mode: "redis", inFlight: 0, websockets: {} },
  instances: [],
  traffic: null,
});

test("fresh gateways are live, a missing or old heartbeat is stale, and a long-silent one is forgotten", () => {
  let now = 10_000;
  const memory = new GatewayMemory(() => now);
  memory.remember(state("gw-b", 9_500));
  memory.remember(state("gw-a", 9_800));
  assert.deepEqual(memory.views(new Set(["gw-a", "gw-b"])).map((v) => [v.heartbeat.gatewayId, v.stale]), [["gw-a", false], ["gw-b", false]]);

  now = 12_000; // gw-b's key expired (not fresh); gw-a still fresh but its heartbeat is 2.2 s old
  assert.deepEqual(memory.views(new Set(["gw-a"])).map((v) => [v.heartbeat.gatewayId, v.stale]), [["gw-a", false], ["gw-b", true]]);
  now = 13_000; // 3.2 s: stale even with its key
  assert.equal(memory.views(new Set(["gw-a"]))[0]!.stale, true);

  now = 9_800 + FORGET_AFTER_MS + 1;
  assert.deepEqual(memory.views(new Set()).map((v) => v.heartbeat.gatewayId), []);
});

test("an older state never replaces a newer one; a heartbeat event refreshes a known gateway only", () => {
  const memory = new GatewayMemory(() => 5_000);
  memory.remember(state("gw-a", 4_900));
  memory.remember(state("gw-a", 4_000));
  assert.equal(memory.views(new Set(["gw-a"]))[0]!.heartbeat.at, 4_900);
  memory.heartbeat({ ...state("gw-a", 4_950).heartbeat });
  memory.heartbeat({ ...state("gw-x", 4_950).heartbeat });
  assert.deepEqual(memory.views(new Set(["gw-a"])).map((v) => [v.heartbeat.gatewayId, v.heartbeat.at]), [["gw-a", 4_950]]);
});
