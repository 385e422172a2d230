import { test } from "node:test";
import assert from "node:assert/strict";
import type { TLiveEvent } from "@tta/domain";
import { EventHub } from "./event-hub.ts";
import type { LiveEnvelope } from "./live-source.ts";

const beat = (at: number): TLiveEvent => ({ type: "gateway.heartbeat", gatewayId: "gw-1", at, startedAt: 0, revision: 1, adminUrl: "http://a", mode: "local", inFlight: 0, websockets: {} });

test("one upstream start for many subscribers, events to all, ids increasing", () => {
  let starts = 0;
  const hub = new EventHub(() => starts++);
  const a: LiveEnvelope[] = [];
  const b: LiveEnvelope[] = [];
  const offA = hub.subscribe((e) => a.push(e));
  hub.subscribe((e) => b.push(e));
  hub.publish(beat(1));
  hub.publish(beat(2));
  assert.equal(starts, 1);
  assert.deepEqual(a.map((e) => (e.event as { at: number }).at), [1, 2]);
  assert.deepEqual(b.map((e) => e.id), a.map((e) => e.id));
  assert.notEqual(a[0]!.id, a[1]!.id);
  offA();
  hub.publish(beat(3));
  assert.equal(a.length, 2);
  assert.equal(b.length, 3);
});

test("a subscriber coming back with its last id gets what it missed, from the buffer", () => {
  const hub = new EventHub(undefined, 3);
  const first: LiveEnvelope[] = [];
  const off = hub.subscribe((e) => first.push(e));
  hub.publish(beat(1));
  off();
  for (const at of [2, 3]) hub.publish(beat(at));
  const again: LiveEnvelope[] = [];
  hub.subscribe((e) => again.push(e), first[0]!.id);
  assert.deepEqual(again.map((e) => (e.event as { at: number }).at), [2, 3]);
  for (const at of [4, 5, 6, 7]) hub.publish(beat(at));
  const late: LiveEnvelope[] = [];
  hub.subscribe((e) => late.push(e), first[0]!.id); // fell out of the buffer: only new events
  assert.deepEqual(late, []);
});

test("a listener that throws is dropped, the others still get the event", () => {
  const hub = new EventHub();
  const got: LiveEnvelope[] = [];
  hub.subscribe(() => {
    throw new Error("broken");
  });
  hub.subscribe((e) => got.push(e));
  hub.publish(beat(1));
  hub.publish(beat(2));
  assert.equal(got.length, 2);
  assert.equal(hub.size, 1);
});
