import { test } from "node:test";
import assert from "node:assert/strict";
import type { TLiveEvent } from "@tta/domain";
import { EventHub } from "./event-hub.ts";
import { liveEvents } from "./event-stream.ts";
import type { LiveSource } from "./live-source.ts";

const beat = (at: number): TLiveEvent => ({ type: "gateway.heartbeat", gatewayId: "gw-1", at, startedAt: 0, revision: 1, adminUrl: "http://a", mode: "local", inFlight: 0, websockets: {} });

function source(hub: EventHub): LiveSource {
  return { mode: "admin-api", state: async () => [], subscribe: (l, last) => hub.subscribe(l, last), sendBreakerCommand: async () => { throw new Error("unused"); }, close: async () => {} };
}

test("yields events as they come, and ends (unsubscribing) when the browser goes away", async () => {
  const hub = new EventHub();
  const abort = new AbortController();
  const stream = liveEvents(source(hub), abort.signal);
  const first = stream.next();
  hub.publish(beat(1));
  hub.publish(beat(2));
  assert.equal(((await first).value!.event as { at: number }).at, 1);
  assert.equal(((await stream.next()).value!.event as { at: number }).at, 2);
  const pending = stream.next();
  abort.abort();
  assert.equal((await pending).done, true);
  assert.equal(hub.size, 0);
});

test("a browser that does not read keeps only the newest 1,000 events", async () => {
  const hub = new EventHub();
  const abort = new AbortController();
  const stream = liveEvents(source(hub), abort.signal);
  const first = stream.next(); // subscribes, then waits
  for (let at = 1; at <= 1_500; at++) hub.publish(beat(at)); // all before the generator runs again
  assert.equal(((await first).value!.event as { at: number }).at, 501);
  assert.equal(((await stream.next()).value!.event as { at: number }).at, 502);
  abort.abort();
  await stream.return(undefined);
});
