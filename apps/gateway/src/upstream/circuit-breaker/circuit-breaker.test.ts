import { test } from "node:test";
import assert from "node:assert/strict";
import { CircuitBreaker, type BreakerTransition, type TripGuard } from "./circuit-breaker.ts";
import type { CallResult } from "./rolling-window.ts";
import { breakerSettings } from "./settings.ts";

const SETTINGS = breakerSettings("standard", { connectionFailureThreshold: 3, minimumCalls: 10, windowMs: 1_000, openMs: 500, halfOpenProbes: 2 });

function breaker(settings = SETTINGS, guard?: TripGuard) {
  const transitions: BreakerTransition[] = [];
  const b = new CircuitBreaker(settings, (t) => transitions.push(t), 0, guard);
  const call = (result: CallResult) => (now: number) => b.record(b.acquire(now)!, result, now);
  return { b, transitions, fail: call("connection_failure"), fail5xx: call("failure"), succeed: call("success") };
}

test("defaults by priority: 50% of 20 calls or 5 connection failures in 10 s, open 30 s; therapeutic and crisis 10 calls, 3, 15 s; config wins", () => {
  const common = { windowMs: 10_000, failureRateThreshold: 50, halfOpenProbes: 2, panicThreshold: 50 };
  assert.deepEqual({ ...breakerSettings("standard") }, { ...common, minimumCalls: 20, connectionFailureThreshold: 5, openMs: 30_000 });
  assert.deepEqual({ ...breakerSettings("therapeutic") }, { ...common, minimumCalls: 10, connectionFailureThreshold: 3, openMs: 15_000 });
  assert.deepEqual({ ...breakerSettings("crisis") }, { ...common, minimumCalls: 10, connectionFailureThreshold: 3, openMs: 15_000 });
  assert.equal(breakerSettings("therapeutic", { minimumCalls: 9 }).minimumCalls, 9);
  assert.equal(breakerSettings("therapeutic", { minimumCalls: 9 }).connectionFailureThreshold, 3);
});

test("a snapshot from before issue 8: failureThreshold reads as connectionFailureThreshold, windowMs as the window", () => {
  const old = breakerSettings("standard", { failureThreshold: 100, windowMs: 60_000 });
  assert.equal(old.connectionFailureThreshold, 100);
  assert.equal(old.windowMs, 60_000);
  assert.equal(breakerSettings("standard", { failureThreshold: 100, connectionFailureThreshold: 4 }).connectionFailureThreshold, 4, "the new field wins");
});

test("connection failures open it at their threshold within the window, not when they are spread out", () => {
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
  assert.deepEqual(transitions, [{ from: "closed", to: "open", forced: "none", reason: "3 connection failures or timeouts within 1000 ms" }]);
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
  b.record(p1, "success", 510);
  assert.equal(b.state, "half_open");
  b.record(p2, "success", 520);
  assert.equal(b.state, "closed");
  assert.deepEqual(transitions.map((t) => `${t.from}->${t.to}`), ["closed->open", "open->half_open", "half_open->closed"]);
  assert.equal(b.failures(520), 0);
});

test("a failed probe opens the breaker again for another openMs; stale probe results are ignored", () => {
  const { b, fail } = breaker();
  for (const t of [0, 1, 2]) fail(t);
  const p1 = b.acquire(600)!;
  const p2 = b.acquire(600)!;
  b.record(p1, "failure", 610);
  assert.equal(b.state, "open");
  assert.equal(b.retryInMs(610), 500);
  b.record(p2, "success", 620); // from the half-open period that already ended
  assert.equal(b.state, "open");
  const p3 = b.acquire(1_110)!;
  assert.equal(b.state, "half_open");
  b.record(p2, "success", 1_111);
  b.record(p3, "success", 1_112);
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
      ["closed", "open", "none", "3 connection failures or timeouts within 1000 ms"],
    ],
  );
});

test("a bypass pass (crisis) changes nothing", () => {
  const { b, fail } = breaker();
  for (const t of [0, 1, 2]) fail(t);
  b.record({ kind: "bypass" }, "success", 3);
  b.record({ kind: "bypass" }, "connection_failure", 4);
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
  b.record(p2, "success", 602);
  b.record(b.acquire(603)!, "success", 603);
  assert.equal(b.state, "closed");
});

test("5xx answers open it by failure rate only: at least minimumCalls calls, failureRateThreshold % of them failed", () => {
  const few = breaker();
  for (let t = 0; t < 9; t++) few.fail5xx(t);
  assert.equal(few.b.state, "closed", "9 calls, all failed: under minimumCalls (10)");
  assert.equal(few.b.failures(9), 9);

  const { b, transitions, fail5xx, succeed } = breaker();
  for (let t = 0; t < 6; t++) succeed(t);
  for (let t = 6; t < 10; t++) fail5xx(t);
  assert.equal(b.state, "closed", "4 of 10 failed: 40% < 50%");
  fail5xx(10);
  assert.equal(b.state, "closed", "5 of 11 failed: 45%");
  fail5xx(11);
  assert.equal(b.state, "open", "6 of 12: 50%");
  assert.deepEqual(transitions.at(-1), { from: "closed", to: "open", forced: "none", reason: "50% of 12 calls failed within 1000 ms" });
  assert.deepEqual(b.rolling(11), { windowMs: 1_000, successes: 6, failures: 6, connectionFailures: 0, rejects: 0 }, "the window that opened it stays visible");
  assert.equal(b.acquire(12), null);
  assert.equal(b.rolling(12).rejects, 1, "refusals are counted");
});

test("the rate window slides: failures older than windowMs no longer count", () => {
  const { b, fail5xx, succeed } = breaker();
  for (let t = 0; t < 9; t++) fail5xx(t);
  for (let t = 1_000; t < 1_009; t++) succeed(t);
  fail5xx(1_010);
  assert.equal(b.state, "closed", "1 of 10 in the window failed");
  assert.deepEqual(b.rolling(1_010), { windowMs: 1_000, successes: 9, failures: 1, connectionFailures: 0, rejects: 0 });
  assert.equal(b.rolling(2_500).successes, 0, "an idle window drains");
});

test("the guard (panic threshold) keeps a rate trip closed and says why once; it opens when the guard lets it; connection failures do not ask", () => {
  let hold: string | null = "opening it would leave 0 of 1 in-rotation instance(s) taking traffic (panic threshold 50%)";
  const { b, transitions, fail, fail5xx, succeed } = breaker(SETTINGS, () => hold);
  for (let t = 0; t < 20; t++) fail5xx(t);
  assert.equal(b.state, "closed");
  assert.equal(b.allows(20), true);
  assert.match(b.held!, /^100% of 10 calls failed within 1000 ms; kept closed: opening it would leave 0 of 1/);
  assert.deepEqual(transitions.map((t) => `${t.from}->${t.to}`), ["closed->closed"], "one event for the whole episode");
  assert.equal(transitions[0]!.reason, b.held);
  for (let t = 20; t < 50; t++) succeed(t);
  assert.equal(b.held, null, "20 of 50 failed: under the rate again, no longer held");
  hold = null;
  for (let t = 50; t < 60; t++) fail5xx(t);
  assert.equal(b.state, "open", "the guard lets it open now");

  hold = "never";
  const strong = breaker(SETTINGS, () => hold);
  for (const t of [0, 1, 2]) strong.fail(t);
  assert.equal(strong.b.state, "open", "connection failures and timeouts are the strong signal");
});

test("a passing active check half-opens an open breaker at once, but not one whose probe just failed", () => {
  const { b, transitions, fail } = breaker();
  for (const t of [0, 1, 2]) fail(t);
  b.checkPassed(100);
  assert.equal(b.state, "half_open");
  assert.equal(transitions.at(-1)!.reason, "an active health check passed; letting 2 probes through");
  b.record(b.acquire(110)!, "connection_failure", 120);
  assert.equal(b.state, "open");
  b.checkPassed(200);
  assert.equal(b.state, "open", "the check says nothing the failed probe did not: wait openMs");
  b.tick(620);
  assert.equal(b.state, "half_open");
  b.record(b.acquire(621)!, "success", 622);
  b.record(b.acquire(623)!, "success", 624);
  assert.equal(b.state, "closed");
  assert.deepEqual(b.rolling(624), { windowMs: 1_000, successes: 0, failures: 0, connectionFailures: 0, rejects: 0 }, "closing starts a clean window");

  const forced = breaker();
  forced.b.force("force_open", 0);
  forced.b.checkPassed(1);
  assert.equal(forced.b.state, "open", "a forced state holds");
});
