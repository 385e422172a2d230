import { test } from "node:test";
import assert from "node:assert/strict";
import { CircuitBreaker, type BreakerTransition } from "./circuit-breaker.ts";
import { breakerSettings } from "./settings.ts";

function breaker(settings = breakerSettings("standard", { failureThreshold: 3, windowMs: 1_000, openMs: 500, halfOpenProbes: 2 })) {
  const transitions: BreakerTransition[] = [];
  const b = new CircuitBreaker(settings, (t) => transitions.push(t), 0);
  const fail = (now: number) => b.record(b.acquire(now)!, false, now);
  const succeed = (now: number) => b.record(b.acquire(now)!, true, now);
  return { b, transitions, fail, succeed };
}

test("defaults by priority: standard 5 in 60 s open 30 s; therapeutic and crisis 3 in 30 s open 15 s; config wins", () => {
  assert.deepEqual({ ...breakerSettings("standard") }, { failureThreshold: 5, windowMs: 60_000, openMs: 30_000, halfOpenProbes: 2 });
  assert.deepEqual({ ...breakerSettings("therapeutic") }, { failureThreshold: 3, windowMs: 30_000, openMs: 15_000, halfOpenProbes: 2 });
  assert.deepEqual({ ...breakerSettings("crisis") }, { failureThreshold: 3, windowMs: 30_000, openMs: 15_000, halfOpenProbes: 2 });
  assert.equal(breakerSettings("therapeutic", { failureThreshold: 9 }).failureThreshold, 9);
  assert.equal(breakerSettings("therapeutic", { failureThreshold: 9 }).windowMs, 30_000);
});

test("opens after the threshold of failures within the window, not when they are spread out", () => {
  const spread = breaker();
  spread.fail(0);
  spread.fail(600);
  spread.fail(1_200); // the first one is out of the window
  assert.equal(spread.b.state, "closed");
  assert.equal(spread.b.failures(1_200), 2);
  spread.fail(1_300);
  assert.equal(spread.b.state, "open");

  const { b, transitions, fail, succeed } = breaker();
  fail(10);
  succeed(20); // successes do not erase failures inside the window
  fail(30);
  assert.equal(b.state, "closed");
  fail(40);
  assert.equal(b.state, "open");
  assert.deepEqual(transitions, [{ from: "closed", to: "open", forced: "none", reason: "3 failures within 1000 ms" }]);
  assert.equal(b.changedAt, 40);
});

test("open refuses until openMs passed, then half-opens with a limited number of probes", () => {
  const { b, transitions, fail } = breaker();
  for (const t of [0, 1, 2]) fail(t);
  assert.equal(b.allows(100), false);
  assert.equal(b.acquire(100), null);
  assert.equal(b.retryInMs(100), 402);
  assert.equal(b.allows(502), true);
  const p1 = b.acquire(502)!;
  assert.equal(b.state, "half_open");
  const p2 = b.acquire(503)!;
  assert.equal(b.acquire(504), null, "a third probe at once is refused");
  assert.equal(p1.kind, "probe");
  b.record(p1, true, 510);
  assert.equal(b.state, "half_open");
  b.record(p2, true, 520);
  assert.equal(b.state, "closed");
  assert.deepEqual(transitions.map((t) => `${t.from}->${t.to}`), ["closed->open", "open->half_open", "half_open->closed"]);
  assert.equal(b.failures(520), 0);
});

test("a failed probe opens the breaker again for another openMs; stale probe results are ignored", () => {
  const { b, fail } = breaker();
  for (const t of [0, 1, 2]) fail(t);
  const p1 = b.acquire(600)!;
  const p2 = b.acquire(600)!;
  b.record(p1, false, 610);
  assert.equal(b.state, "open");
  assert.equal(b.retryInMs(610), 500);
  b.record(p2, true, 620); // from the half-open period that already ended
  assert.equal(b.state, "open");
  const p3 = b.acquire(1_110)!;
  assert.equal(b.state, "half_open");
  b.record(p2, true, 1_111);
  b.record(p3, true, 1_112);
  assert.equal(b.state, "half_open", "one fresh success of two needed");
});

test("forced open refuses everything, forced closed passes everything and ignores failures, reset clears", () => {
  const { b, transitions, fail } = breaker();
  b.force("force_open", 5);
  assert.equal(b.state, "open");
  assert.equal(b.forced, "open");
  assert.equal(b.allows(1_000_000), false, "forced open does not half-open by itself");
  b.force("force_closed", 6);
  for (let t = 10; t < 20; t++) fail(t);
  assert.equal(b.state, "closed");
  assert.equal(b.allows(20), true);
  b.force("reset", 30);
  assert.equal(b.forced, "none");
  for (const t of [40, 41, 42]) fail(t);
  assert.equal(b.state, "open");
  assert.deepEqual(
    transitions.map((t) => [t.from, t.to, t.forced, t.reason]),
    [
      ["closed", "open", "open", "forced open by an operator"],
      ["open", "closed", "closed", "forced closed by an operator"],
      ["closed", "closed", "none", "reset by an operator"],
      ["closed", "open", "none", "3 failures within 1000 ms"],
    ],
  );
});

test("a bypass pass (crisis) changes nothing", () => {
  const { b, fail } = breaker();
  for (const t of [0, 1, 2]) fail(t);
  b.record({ kind: "bypass" }, true, 3);
  b.record({ kind: "bypass" }, false, 4);
  assert.equal(b.state, "open");
  assert.equal(b.retryInMs(4), 498);
});

test("tick: an open breaker whose open time is over half-opens without a request; nothing else moves", () => {
  const { b, transitions, fail } = breaker();
  for (const t of [0, 1, 2]) fail(t);
  b.tick(400);
  assert.equal(b.state, "open");
  b.tick(503);
  assert.equal(b.state, "half_open");
  assert.equal(transitions.at(-1)!.to, "half_open");
  b.tick(10_000);
  assert.equal(b.state, "half_open", "closing needs probes that succeed");
  b.force("force_open", 10_001);
  b.tick(1_000_000);
  assert.equal(b.state, "open", "a forced state never times out");
});

test("a released probe frees its slot without closing or opening", () => {
  const { b, fail } = breaker();
  for (const t of [0, 1, 2]) fail(t);
  const p1 = b.acquire(600)!;
  const p2 = b.acquire(600)!;
  assert.equal(b.allows(600), false);
  b.release(p1);
  assert.equal(b.state, "half_open");
  assert.equal(b.allows(601), true);
  b.record(p2, true, 602);
  b.record(b.acquire(603)!, true, 603);
  assert.equal(b.state, "closed");
});
