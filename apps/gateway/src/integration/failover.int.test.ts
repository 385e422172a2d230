// Failover under load: three instances of a therapeutic service, steady concurrent GETs, two of
// the instances killed mid-load (listener closed, every connection cut). With one healthy instance
// left no request may fail: broken attempts are retried on another instance, and health checks and
// breakers take the dead ones out. Bounded: 16 keep-alive connections on loopback for 3 s.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { recorder, startFlakyUpstream, type FlakyUpstream } from "./helpers/flaky-upstream.ts";
import { publishSnapshot, snapshot } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

const CONNECTIONS = 16;
const DURATION_MS = 3_000;

describe("failover under load", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let instances: FlakyUpstream[];
  const seen = recorder();

  before(async () => {
    tdb = await createTestDatabase("gwfailover");
    instances = await Promise.all(["sessions-1", "sessions-2", "sessions-3"].map((n) => startFlakyUpstream(n)));
    await publishSnapshot(
      tdb.db,
      snapshot(
        {
          sessions: {
            therapeuticPriority: "therapeutic",
            instances: instances.map((i) => ({ url: i.url })),
            healthCheck: { intervalMs: 250, timeoutMs: 200, healthyThreshold: 2, unhealthyThreshold: 2 },
          },
        },
        [{ name: "sessions-api", path: "/api/sessions/*", service: "sessions", timeoutMs: 5_000 }],
      ),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("warn").logger, instanceId: "gw-failover", live: seen.live, observer: seen.observer });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all(instances.map((i) => i.close()));
    await tdb?.drop();
  });

  test("with one healthy instance left, no idempotent request fails while the others are killed mid-load", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const statuses = new Map<number, number>();
    const servedBy = new Map<string, number>();
    const failures: string[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const id = n++;
        try {
          const res = await request(`${gateway.url}/api/sessions/${id}`, { agent });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 200) servedBy.set(res.json().instance, (servedBy.get(res.json().instance) ?? 0) + 1);
          else failures.push(`${id}: ${res.status} ${res.text}`);
        } catch (error) {
          failures.push(`${id}: ${(error as Error).message}`);
        }
      }
    };
    const load = Promise.all(Array.from({ length: CONNECTIONS }, worker));
    await new Promise((r) => setTimeout(r, 800));
    await instances[0]!.kill();
    await new Promise((r) => setTimeout(r, 700));
    await instances[1]!.kill();
    await new Promise((r) => setTimeout(r, DURATION_MS - 1_500));
    const servedBeforeEnd = servedBy.get("sessions-3") ?? 0;
    stop = true;
    await load;
    agent.destroy();

    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} failed requests`);
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    assert.ok(total >= 300, `only ${total} requests in ${DURATION_MS} ms`);
    assert.deepEqual([...statuses.keys()], [200]);
    for (const name of ["sessions-1", "sessions-2", "sessions-3"]) assert.ok((servedBy.get(name) ?? 0) > 0, `${name} served some before it was killed`);
    assert.ok(servedBeforeEnd > 0);
    const retried = seen.attempts.filter((a) => a.attempt > 1);
    assert.ok(retried.length > 0, "some attempts hit a dead instance and were retried");
    assert.ok(retried.every((a) => a.outcome === "ok" || a.outcome === "error"));

    // The dead ones are out of rotation (health checks), and said so once each, not per request.
    const state = new Map(gateway.upstreamState.instances().map((i) => [i.instance, i]));
    for (const dead of instances.slice(0, 2)) {
      assert.equal(state.get(dead.url)!.inRotation, false, `${dead.name} out of rotation`);
      const outs = seen.events.filter((e) => e.type === "health.change" && e.instance === dead.url && !e.inRotation);
      assert.equal(outs.length, 1, `${dead.name}: one out-of-rotation event`);
    }
    assert.equal(state.get(instances[2]!.url)!.inRotation, true);
    assert.equal(state.get(instances[2]!.url)!.breaker.state, "closed");
  });

  test("after the load, every request goes straight to the survivor", async () => {
    const before = seen.attempts.length;
    for (let i = 0; i < 10; i++) assert.equal((await request(`${gateway.url}/api/sessions/after-${i}`)).json().instance, "sessions-3");
    assert.ok(seen.attempts.slice(before).every((a) => a.attempt === 1 && a.instance === instances[2]!.url));
  });
});
