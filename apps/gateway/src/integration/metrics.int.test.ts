// GET /metrics on the admin port after real traffic: the request, latency, upstream-attempt and
// state series, with labels that stay bounded whatever paths clients send.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { deadPort, publishSnapshot, snapshot, startUpstreams } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

/** Every sample line of a Prometheus text answer, keyed by `name{labels}`. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

describe("GET /metrics", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  let revision: number;
  const scrape = async () => {
    const res = await request(`${gateway.adminUrl}/metrics`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers["content-type"]), /^text\/plain; version=0\.0\.4/);
    return { text: res.text, series: samples(res.text) };
  };

  before(async () => {
    tdb = await createTestDatabase("gwmetrics");
    upstreams = await startUpstreams("players");
    revision = await publishSnapshot(
      tdb.db,
      snapshot({ players: [upstreams[0]!.url], dead: [await deadPort()] }, [
        { name: "players-api", path: "/api/players/*", service: "players" },
        { name: "dead-api", path: "/dead/*", service: "dead" },
      ]),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("warn").logger, instanceId: "gw-metrics" });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all(upstreams.map((u) => u.close()));
    await tdb?.drop();
  });

  test("requests by route, service and status class, latency histograms, upstream attempts and the revision", async () => {
    for (let i = 0; i < 10; i++) assert.equal((await request(`${gateway.url}/api/players/${i}`)).status, 200);
    for (let i = 0; i < 3; i++) assert.equal((await request(`${gateway.url}/dead/${i}`)).status, 502);
    assert.equal((await request(`${gateway.url}/nowhere/user-12345`)).status, 404);

    const { series, text } = await scrape();
    assert.equal(series.get('tta_gateway_requests_total{route="players-api",service="players",status_class="2xx"}'), 10);
    assert.equal(series.get('tta_gateway_requests_total{route="dead-api",service="dead",status_class="5xx"}'), 3);
    assert.equal(series.get('tta_gateway_requests_total{route="none",service="none",status_class="4xx"}'), 1);
    assert.equal(series.get('tta_gateway_request_duration_seconds_count{route="players-api",service="players"}'), 10);
    assert.equal(series.get('tta_gateway_request_duration_seconds_bucket{le="+Inf",route="players-api",service="players"}'), 10);
    assert.ok(series.get('tta_gateway_request_duration_seconds_sum{route="players-api",service="players"}')! > 0);
    assert.equal(series.get("tta_gateway_config_revision"), revision);
    assert.equal(series.get("tta_gateway_in_flight_requests"), 0);
    assert.ok(series.has("tta_gateway_open_connections"));
    assert.ok(series.has("process_cpu_user_seconds_total"), "default process metrics are there too");
    for (const name of ["tta_gateway_upstream_attempts_total", "tta_gateway_upstream_retries_total", "tta_gateway_breaker_state", "tta_gateway_instance_health_score", "tta_gateway_fallbacks_total"]) {
      assert.match(text, new RegExp(`# TYPE ${name} `), name);
    }
    assert.doesNotMatch(text, /user-12345|\/api\/players\/\d/);
  });

  test("1,000 distinct unmatched paths add no series", async () => {
    await request(`${gateway.url}/warm-up`);
    const before = (await scrape()).series;
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => request(`${gateway.url}/unmatched-${i + j}/u${(i + j) * 7919}?q=${i + j}`)));
    }
    const after = (await scrape()).series;
    // Live-event counters grow with time (a first roll-up, health changes), not with requests.
    const requestDriven = (m: Map<string, number>) => [...m.keys()].filter((k) => k.startsWith("tta_gateway_") && !k.startsWith("tta_gateway_live_")).sort();
    assert.deepEqual(requestDriven(after), requestDriven(before));
    assert.ok(![...after.keys()].some((k) => k.includes("unmatched")), "no path in any label");
    const key = 'tta_gateway_requests_total{route="none",service="none",status_class="4xx"}';
    assert.equal(after.get(key)! - before.get(key)!, 1000);
  });

  test("two gateways in one process keep separate registries", async () => {
    const other = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("warn").logger, instanceId: "gw-metrics-2" });
    try {
      await request(`${other.url}/api/players/1`);
      const res = await request(`${other.adminUrl}/metrics`);
      assert.equal(samples(res.text).get('tta_gateway_requests_total{route="players-api",service="players",status_class="2xx"}'), 1);
    } finally {
      await other.close();
    }
  });
});
