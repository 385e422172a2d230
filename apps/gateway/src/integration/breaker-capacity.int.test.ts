// Breakers that do not take a whole service down (issue 8, part 7), on a real gateway with real
// loopback upstreams: one broken endpoint of the only instance does not take the service off (5xx
// answers are relayed, the other paths keep answering; the breaker is held closed by the panic
// threshold and says why); a failure rate opens one instance's breaker while the other keeps the
// service up; timeouts open a breaker and fail over; a restarted instance whose checks pass gets
// traffic again within about one check interval, not after the open time.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { ZGatewayLiveState, type TBreakerTransition } from "@tta/domain";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { recorder, startFlakyUpstream, type FlakyUpstream } from "./helpers/flaky-upstream.ts";
import { publishSnapshot, snapshot, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

const RARE_CHECKS = { intervalMs: 60_000 }; // one round at start: no check half-opens a breaker in between
const FAST_CHECKS = { intervalMs: 200, timeoutMs: 150, healthyThreshold: 2, unhealthyThreshold: 2 };

describe("breakers that do not take a whole service down", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let conformance: FlakyUpstream, rateA: FlakyUpstream, rateB: FlakyUpstream, slowA: FlakyUpstream, slowB: FlakyUpstream, restartA: FlakyUpstream, restartB: FlakyUpstream;
  const seen = recorder();
  const state = (u: FlakyUpstream) => gateway.upstreamState.instances().find((i) => i.instance === u.url)!;
  const transitions = (u: FlakyUpstream) => seen.events.filter((e): e is TBreakerTransition => e.type === "breaker.transition" && e.instance === u.url);

  before(async () => {
    tdb = await createTestDatabase("gwbrkcap");
    const started = await Promise.all(["conformance-1", "rate-a", "rate-b", "slow-a", "slow-b", "restart-a", "restart-b"].map((n) => startFlakyUpstream(n)));
    [conformance, rateA, rateB, slowA, slowB, restartA, restartB] = started as [FlakyUpstream, FlakyUpstream, FlakyUpstream, FlakyUpstream, FlakyUpstream, FlakyUpstream, FlakyUpstream];
    await publishSnapshot(
      tdb.db,
      snapshot(
        {
          // The service's default breaker (standard: 50% of 20 calls, 5 connection failures in 10 s).
          conformance: { instances: [{ url: conformance.url }], healthCheck: RARE_CHECKS },
          rated: { instances: [{ url: rateA.url }, { url: rateB.url }], healthCheck: RARE_CHECKS, circuitBreaker: { minimumCalls: 4, openMs: 30_000 } },
          slow: { instances: [{ url: slowA.url }, { url: slowB.url }], healthCheck: RARE_CHECKS, circuitBreaker: { connectionFailureThreshold: 2, openMs: 30_000 } },
          restart: { instances: [{ url: restartA.url }, { url: restartB.url }], healthCheck: FAST_CHECKS, circuitBreaker: { connectionFailureThreshold: 2, openMs: 30_000 } },
        },
        [
          { name: "conformance-api", path: "/conf/*", service: "conformance" },
          { name: "rated-api", path: "/rated/*", service: "rated", retryPolicy: { attempts: 1 } },
          { name: "slow-api", path: "/slow/*", service: "slow", timeoutMs: 3_000, retryPolicy: { attemptTimeoutMs: 300, backoffBaseMs: 1 } },
          { name: "restart-api", path: "/restart/*", service: "restart", retryPolicy: { backoffBaseMs: 1 } },
        ],
      ),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("warn").logger, instanceId: "gw-brkcap", live: seen.live, observer: seen.observer });
    await waitFor("first checks", async () => gateway.upstreamState.instances().every((i) => i.lastCheckOk === true), 3_000);
  });

  after(async () => {
    await gateway?.close();
    await Promise.all([conformance, rateA, rateB, slowA, slowB, restartA, restartB].map((u) => u?.close()));
    await tdb?.drop();
  });

  test("one endpoint answering 500 on the only instance: its 500s are relayed, every other path keeps answering 200", async () => {
    conformance.failing = ["/conf/broken"];
    const statuses: Record<string, number[]> = { broken: [], working: [] };
    for (let i = 0; i < 60; i++) {
      // Two broken calls for each working one: a failure rate of 67%, well over the breaker's 50%.
      const path = i % 3 === 2 ? "working" : "broken";
      const res = await request(`${gateway.url}/conf/${path}/${i}`);
      statuses[path]!.push(res.status);
      if (res.status === 503) assert.fail(`${path}/${i}: ${res.text}`);
    }
    assert.deepEqual(new Set(statuses.broken), new Set([500]), "the upstream's 500s are relayed as they are");
    assert.equal(statuses.broken!.length, 40);
    assert.deepEqual(new Set(statuses.working), new Set([200]));
    assert.equal(conformance.received.length, 60, "every request reached the instance");

    const i = state(conformance);
    assert.deepEqual({ state: i.breaker.state, inRotation: i.inRotation, availability: i.availability }, { state: "closed", inRotation: true, availability: "serving" });
    assert.match(i.breaker.held!, /% of \d+ calls failed within 10000 ms; kept closed: opening it would leave 0 of 1 in-rotation instance\(s\) taking traffic \(panic threshold 50%\)$/);
    assert.deepEqual(i.breaker.rolling, { windowMs: 10_000, successes: 20, failures: 40, connectionFailures: 0, rejects: 0 });
    const held = transitions(conformance);
    assert.equal(held.length, 1, "held closed is said once, not per failure");
    assert.deepEqual([held[0]!.from, held[0]!.to, held[0]!.reason], ["closed", "closed", i.breaker.held]);

    // The admin API's /live/state shows the same, in the domain's shape.
    const live = ZGatewayLiveState.parse((await request(`${gateway.adminUrl}/live/state`)).json());
    const reported = live.instances.find((x) => x.instance === conformance.url)!;
    assert.deepEqual(reported.breaker.rolling, i.breaker.rolling);
    assert.equal(reported.breaker.held, i.breaker.held);
    conformance.failing = [];
  });

  test("with capacity left, a failure rate of 5xx answers opens that instance's breaker and the other serves", async () => {
    rateB.mode = "error";
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await request(`${gateway.url}/rated/${i}`)).status);
    assert.deepEqual(statuses.toSorted(), [200, 200, 200, 200, 500, 500, 500, 500], "round robin until rate-b has had its 4 calls");
    assert.equal(state(rateB).breaker.state, "open");
    assert.equal(state(rateB).availability, "breaker_open", "in rotation, breaker open");
    assert.equal(transitions(rateB).at(-1)!.reason, "100% of 4 calls failed within 10000 ms");
    for (let i = 0; i < 4; i++) assert.equal((await request(`${gateway.url}/rated/after-${i}`)).json().instance, "rate-a");
    assert.equal(state(rateA).breaker.state, "closed");

    rateA.mode = "error";
    for (let i = 0; i < 8; i++) assert.equal((await request(`${gateway.url}/rated/both-${i}`)).status, 500, "the last instance taking traffic keeps taking it");
    assert.equal(state(rateA).breaker.state, "closed");
    assert.match(state(rateA).breaker.held!, /leave 0 of 2 in-rotation/);
    rateA.mode = "ok";
  });

  test("timeouts are the strong signal: they open a breaker and requests fail over to the other instance", async () => {
    slowB.mode = "hang";
    const served: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await request(`${gateway.url}/slow/${i}`);
      assert.equal(res.status, 200, res.text);
      served.push(res.json().instance);
    }
    assert.deepEqual(new Set(served), new Set(["slow-a"]));
    const b = state(slowB);
    assert.deepEqual({ state: b.breaker.state, availability: b.availability }, { state: "open", availability: "breaker_open" });
    assert.equal(transitions(slowB).at(-1)!.reason, "2 connection failures or timeouts within 10000 ms");
    assert.equal(slowB.received.length, 2, "after two timeouts nothing more is sent to it");
    const attempts = seen.attempts.filter((a) => a.route === "slow-api");
    assert.deepEqual(attempts.filter((a) => a.outcome === "timeout").map((a) => a.instance), [slowB.url, slowB.url]);
  });

  test("a restarted instance whose checks pass gets traffic again within about one check interval, not after the open time", async () => {
    await restartB.kill();
    for (let i = 0; i < 6; i++) assert.equal((await request(`${gateway.url}/restart/down-${i}`)).status, 200, "retried on restart-a");
    assert.equal(state(restartB).breaker.state, "open");
    await waitFor("restart-b out of rotation", async () => !state(restartB).inRotation, 2_000);

    await restartB.revive();
    const back = await waitFor("restart-b back in rotation", async () => (state(restartB).inRotation ? Date.now() : null), 3_000);
    const before = restartB.received.length;
    const served = await waitFor(
      "restart-b serving again",
      async () => {
        await request(`${gateway.url}/restart/up`);
        return restartB.received.length > before ? Date.now() : null;
      },
      5_000,
      20,
    );
    assert.ok(served - back <= 2 * FAST_CHECKS.intervalMs + 100, `traffic ${served - back} ms after it was back in rotation (open time 30 s)`);
    await waitFor("breaker closed by its probes", async () => {
      await request(`${gateway.url}/restart/probe`);
      return state(restartB).breaker.state === "closed";
    }, 2_000);
    assert.deepEqual(transitions(restartB).map((t) => `${t.from}->${t.to}`), ["closed->open", "open->half_open", "half_open->closed"]);
    assert.equal(transitions(restartB)[1]!.reason, "an active health check passed; letting 2 probes through");
  });
});
