// Active health checks on a real gateway: a killed instance leaves the rotation without any
// traffic telling it so, and comes back when it recovers; a failing health endpoint does the
// same; one failed check does not; with every instance out, 503 GW_NO_INSTANCE says why.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import type { THealthChange } from "@tta/domain";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { recorder, startFlakyUpstream, type FlakyUpstream } from "./helpers/flaky-upstream.ts";
import { publishSnapshot, snapshot, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

describe("active health checks", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let a: FlakyUpstream;
  let b: FlakyUpstream;
  const seen = recorder();
  const state = (u: FlakyUpstream) => gateway.upstreamState.instances().find((i) => i.instance === u.url)!;
  const changes = (u: FlakyUpstream) => seen.events.filter((e): e is THealthChange & { type: "health.change" } => e.type === "health.change" && e.instance === u.url);
  const servedBy = async (n: number, prefix: string) => {
    const names: string[] = [];
    for (let i = 0; i < n; i++) names.push((await request(`${gateway.url}/api/narrative/${prefix}-${i}`)).json().instance);
    return names;
  };

  before(async () => {
    tdb = await createTestDatabase("gwhealth");
    [a, b] = await Promise.all([startFlakyUpstream("narrative-a", { healthPath: "/status" }), startFlakyUpstream("narrative-b", { healthPath: "/status" })]);
    await publishSnapshot(
      tdb.db,
      snapshot(
        {
          narrative: {
            healthCheckPath: "/status",
            instances: [{ url: a.url }, { url: b.url }],
            healthCheck: { intervalMs: 150, timeoutMs: 150, healthyThreshold: 2, unhealthyThreshold: 2 },
          },
        },
        [{ name: "narrative-api", path: "/api/narrative/*", service: "narrative", retryPolicy: { attempts: 1 } }],
      ),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("warn").logger, instanceId: "gw-health", live: seen.live });
    await waitFor("first checks", async () => state(a).lastCheckOk === true && state(b).lastCheckOk === true, 2_000);
  });

  after(async () => {
    await gateway?.close();
    await Promise.all([a, b].map((u) => u?.close()));
    await tdb?.drop();
  });

  test("both instances are checked on the service's path and serve in turn", async () => {
    assert.ok(a.healthChecks >= 1 && b.healthChecks >= 1);
    assert.deepEqual(new Set(await servedBy(4, "both")), new Set(["narrative-a", "narrative-b"]));
    assert.deepEqual({ score: state(a).score, inRotation: state(a).inRotation, source: state(a).source }, { score: 100, inRotation: true, source: "static" });
  });

  test("a killed instance is taken out of rotation by the checks alone, with one event", async () => {
    await b.kill();
    const out = await waitFor("b out of rotation", async () => (state(b).inRotation ? null : state(b)), 2_000);
    assert.equal(out.score, 0);
    assert.equal(out.lastCheckOk, false);
    assert.equal(out.lastCheckError, "ECONNREFUSED");
    assert.ok(out.lastCheckAt! > Date.now() - 2_000);
    const event = changes(b).at(-1)!;
    assert.deepEqual({ inRotation: event.inRotation, score: event.score, gatewayId: event.gatewayId, service: event.service }, { inRotation: false, score: 0, gatewayId: "gw-health", service: "narrative" });
    assert.match(event.reason, /ECONNREFUSED/);
    assert.deepEqual(new Set(await servedBy(6, "one")), new Set(["narrative-a"]), "attempts: 1, so a request to b would have failed");
  });

  test("it comes back when it recovers (healthyThreshold passed checks)", async () => {
    await b.revive();
    await waitFor("b back in rotation", async () => state(b).inRotation, 2_000);
    assert.equal(state(b).score, 100);
    const event = changes(b).at(-1)!;
    assert.equal(event.inRotation, true);
    assert.equal(event.reason, "2 health checks passed in a row");
    assert.ok((await servedBy(4, "back")).includes("narrative-b"));
  });

  test("one failed check lowers the score but keeps the instance; a failing health endpoint takes it out", async () => {
    const before = changes(a).length;
    const checks = a.healthChecks;
    a.healthy = false;
    await waitFor("one failed check", async () => a.healthChecks > checks && state(a).lastCheckOk === false, 1_000);
    a.healthy = true;
    assert.equal(state(a).inRotation, true);
    assert.equal(state(a).score, 80);
    await waitFor("a passing check", async () => state(a).lastCheckOk === true, 1_000);
    assert.equal(changes(a).length, before, "same band, same rotation: no event");

    a.healthy = false;
    await waitFor("a out of rotation", async () => !state(a).inRotation, 2_000);
    assert.equal(state(a).lastCheckError, "HTTP 503");
    a.healthy = true;
    await waitFor("a back", async () => state(a).inRotation, 2_000);
  });

  test("every instance out of rotation: 503 GW_NO_INSTANCE with the reason and Retry-After", async () => {
    await Promise.all([a.kill(), b.kill()]);
    await waitFor("both out", async () => !state(a).inRotation && !state(b).inRotation, 2_000);
    const res = await request(`${gateway.url}/api/narrative/x`, { headers: { "x-request-id": "trace-noinst-01" } });
    assert.equal(res.status, 503);
    assert.equal(res.headers["retry-after"], "1");
    const { error } = res.json();
    assert.equal(error.code, "GW_NO_INSTANCE");
    assert.equal(error.correlationId, "trace-noinst-01");
    assert.equal(error.details.reason, "out_of_rotation");
    assert.deepEqual(error.details.instances.map((i: { score: number; inRotation: boolean }) => [i.score, i.inRotation]), [[0, false], [0, false]]);
    await Promise.all([a.revive(), b.revive()]);
    await waitFor("both back", async () => state(a).inRotation && state(b).inRotation, 2_000);
    assert.equal((await request(`${gateway.url}/api/narrative/y`)).status, 200);
  });
});
