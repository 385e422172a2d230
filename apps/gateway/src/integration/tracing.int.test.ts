// Distributed tracing on real gateways: a loopback OTLP/HTTP receiver takes the exported spans, a
// loopback upstream records the traceparent each request brought. A trusted peer's trace is
// continued (the upstream's parent is the gateway's attempt span, whose parent is the gateway's
// server span, whose parent is the caller's span); an untrusted peer's is not (a new trace, the
// caller's context as a link); without one, the new trace id is in the error answer and the log
// line; each retry is its own span; WebSocket legs carry a traceparent too. Without an endpoint
// nothing is exported and the upstream still gets a traceparent; with the collector down every
// request is still answered and the lost spans are counted.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { WebSocket, WebSocketServer } from "ws";
import { startGateway, type Gateway, type GatewayOptions } from "../index.ts";
import { captureLogger, type CapturedLogger } from "../testing/capture-logger.ts";
import { deadPort, publishSnapshot, snapshot, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from "./helpers/otlp-receiver.ts";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN = "00f067aa0ba902b7";
const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

/** An upstream (HTTP and WebSocket) that records the trace headers of everything it got. */
async function startRecordingUpstream() {
  const seen: Array<{ path: string; traceparent?: string; tracestate?: string }> = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? "", traceparent: req.headers.traceparent as string | undefined, tracestate: req.headers.tracestate as string | undefined });
    res.writeHead(req.url?.startsWith("/api/broken") ? 500 : 200, { "content-type": "application/json" }).end('{"ok":true}');
  });
  const wss = new WebSocketServer({ server });
  wss.on("connection", (ws, req) => {
    seen.push({ path: `ws ${req.url}`, traceparent: req.headers.traceparent as string | undefined });
    ws.on("message", (data) => ws.send(data));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    last: (path: string) => seen.findLast((s) => s.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const idsOf = (traceparent: string | undefined) => {
  const m = TRACEPARENT.exec(traceparent ?? "");
  assert.ok(m, `a valid traceparent, got ${traceparent}`);
  return { traceId: m[1]!, parentId: m[2]! };
};

describe("tracing: W3C trace context and OTLP/HTTP export", () => {
  let tdb: TestDatabase;
  let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>;
  let receiver: OtlpReceiver;
  let exporting: Gateway; // exports OTLP/JSON to the receiver; 127.0.0.1 is trusted, 127.0.0.2 is not
  let silent: Gateway; // no endpoint
  let protobuf: Gateway; // exports OTLP/protobuf (the default protocol) to the receiver
  let orphaned: Gateway; // exports to a collector that takes connections and never answers
  let hanging: http.Server;
  let logs: CapturedLogger;
  let orphanedLogs: CapturedLogger;

  const spansOf = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);
  const waitForSpans = (traceId: string, count: number) => waitFor(`${count} spans of trace ${traceId}`, async () => (spansOf(traceId).length >= count ? spansOf(traceId) : null), 10_000);
  const server = (spans: ReceivedSpan[]) => spans.find((s) => s.kind === SERVER)!;
  const clients = (spans: ReceivedSpan[]) => spans.filter((s) => s.kind === CLIENT).sort((a, b) => Number(a.attributes["tta.attempt"]) - Number(b.attributes["tta.attempt"]));

  before(async () => {
    tdb = await createTestDatabase("gwtracing");
    upstream = await startRecordingUpstream();
    receiver = await startOtlpReceiver();
    const dead = await deadPort();
    await publishSnapshot(
      tdb.db,
      snapshot(
        {
          api: [upstream.url],
          // The dead instance takes the first pick, then the retry goes to the live one.
          flaky: { loadBalancing: "weighted_round_robin", instances: [{ url: dead, weight: 50 }, { url: upstream.url, weight: 1 }] },
          gone: [dead],
        },
        [
          { name: "api", path: "/api/*", service: "api" },
          { name: "flaky-api", path: "/flaky/*", service: "flaky", retryPolicy: { backoffBaseMs: 1 } },
          { name: "gone-api", path: "/gone/*", service: "gone", retryPolicy: { attempts: 1 } },
          { name: "echo-ws", path: "/ws/echo", service: "api", websocket: true },
          {
            name: "overview", path: "/overview/:id", service: "api", kind: "aggregate",
            aggregate: { parts: [{ key: "profile", service: "api", path: "/parts/profile/:id" }, { key: "history", service: "api", path: "/parts/history/:id" }] },
          },
        ],
      ),
    );
    const common = (instanceId: string, logger: CapturedLogger): GatewayOptions => ({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: logger.logger, instanceId, crisisClassifier: { kind: "off" } });
    logs = captureLogger("debug");
    exporting = await startGateway({
      ...common("gw-trace", logs),
      tracing: { export: { url: receiver.tracesUrl, protocol: "http/json" }, serviceName: "tta-gateway-test", trustedPeers: ["127.0.0.1"], batch: { delayMs: 25 } },
    });
    silent = await startGateway({ ...common("gw-trace-silent", captureLogger("warn")), tracing: { trustedPeers: ["127.0.0.1"] } });
    protobuf = await startGateway({ ...common("gw-trace-proto", captureLogger("warn")), tracing: { export: { url: receiver.tracesUrl, protocol: "http/protobuf" }, trustedPeers: ["127.0.0.1"], batch: { delayMs: 25 } } });
    hanging = http.createServer(() => {}); // reads the export, never answers
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    orphanedLogs = captureLogger("debug");
    orphaned = await startGateway({
      ...common("gw-trace-orphaned", orphanedLogs),
      tracing: { export: { url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/v1/traces`, protocol: "http/json", timeoutMs: 1_000 }, batch: { delayMs: 10, maxQueueSize: 4, maxBatchSize: 2 } },
    });
  });

  after(async () => {
    await Promise.all([exporting?.close(), silent?.close(), protobuf?.close(), orphaned?.close()]);
    hanging?.closeAllConnections();
    hanging?.close();
    await Promise.all([upstream?.close(), receiver?.close()]);
    await tdb?.drop();
  });

  test("a trusted peer's traceparent: the upstream gets the same trace id under the gateway's attempt span, and both spans reach the receiver", async () => {
    const res = await request(`${exporting.url}/api/items?player=jo@example.org`, { headers: { traceparent: `00-${TRACE}-${CALLER_SPAN}-01`, tracestate: "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE" } });
    assert.equal(res.status, 200);
    const got = upstream.last("/api/items?player=jo@example.org")!;
    const sent = idsOf(got.traceparent);
    assert.equal(sent.traceId, TRACE);
    assert.notEqual(sent.parentId, CALLER_SPAN, "the upstream's parent is the gateway's span, not the caller's");
    assert.equal(got.tracestate, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");

    const spans = await waitForSpans(TRACE, 2);
    const srv = server(spans);
    const [attempt] = clients(spans);
    assert.equal(srv.parentSpanId, CALLER_SPAN);
    assert.equal(srv.name, "GET /api/*");
    assert.equal(srv.attributes["http.route"], "/api/*");
    assert.equal(srv.attributes["tta.route"], "api");
    assert.equal(srv.attributes["http.response.status_code"], 200);
    assert.equal(srv.attributes["url.path"], "/api/items", "no query string");
    assert.equal(srv.attributes["tta.request_id"], res.headers["x-request-id"]);
    assert.equal(srv.resource["service.name"], "tta-gateway-test");
    assert.equal(srv.resource["service.instance.id"], "gw-trace");
    assert.equal(srv.resource["telemetry.sdk.language"], "nodejs");
    assert.ok(attempt);
    assert.equal(attempt.parentSpanId, srv.spanId, "the attempt is a child of the request's span");
    assert.equal(attempt.spanId, sent.parentId, "and the parent of what the upstream got");
    assert.equal(attempt.name, "GET api");
    assert.deepEqual([attempt.attributes["server.address"], attempt.attributes["server.port"], attempt.attributes["http.response.status_code"]], ["127.0.0.1", Number(new URL(upstream.url).port), 200]);
    assert.ok(!JSON.stringify(receiver.spans).includes("jo@example.org"), "nothing of the query string is exported");
  });

  test("no traceparent: a new trace, whose id is in the error answer, the log line and the exported span", async () => {
    const missing = await request(`${exporting.url}/nowhere`);
    assert.equal(missing.status, 404);
    const { correlationId, traceId } = missing.json().error;
    assert.match(traceId, /^[0-9a-f]{32}$/);
    assert.equal(correlationId, missing.headers["x-request-id"]);
    const [span] = await waitForSpans(traceId, 1);
    assert.deepEqual([span!.kind, span!.name, span!.parentSpanId, span!.attributes["http.response.status_code"]], [SERVER, "GET", "", 404]);

    const failed = await request(`${exporting.url}/gone/report`);
    assert.equal(failed.status, 502);
    const error = failed.json().error;
    assert.match(error.traceId, /^[0-9a-f]{32}$/);
    assert.notEqual(error.traceId, traceId);
    const line = logs.messages("upstream attempt failed").find((l) => l.requestId === error.correlationId);
    assert.ok(line, "the failure is logged with its correlation id");
    assert.equal(line.traceId, error.traceId, "and its trace id");
    const spans = await waitForSpans(error.traceId, 2);
    assert.deepEqual([server(spans).status, server(spans).attributes["error.type"]], [ERROR, "502"]);
    assert.deepEqual([clients(spans)[0]!.status, clients(spans)[0]!.attributes["error.type"]], [ERROR, "GW_UPSTREAM_UNAVAILABLE"]);
  });

  test("an untrusted peer's traceparent is not adopted: a new trace, the caller's context kept as a link", async () => {
    const res = await request(`${exporting.url}/api/outsider`, { localAddress: "127.0.0.2", headers: { traceparent: `00-${TRACE}-${CALLER_SPAN}-01`, tracestate: "evil=1" } });
    assert.equal(res.status, 200);
    const got = upstream.last("/api/outsider")!;
    const sent = idsOf(got.traceparent);
    assert.notEqual(sent.traceId, TRACE);
    assert.equal(got.tracestate, undefined, "its tracestate is not passed on");
    const spans = await waitForSpans(sent.traceId, 2);
    const srv = server(spans);
    assert.equal(srv.parentSpanId, "", "the gateway's span is the root");
    assert.deepEqual(srv.links, [{ traceId: TRACE, spanId: CALLER_SPAN, attributes: { "tta.trace.untrusted_parent": true } }]);
    const refused = await request(`${exporting.url}/nowhere`, { localAddress: "127.0.0.2", headers: { traceparent: `00-${TRACE}-${CALLER_SPAN}-01` } });
    assert.notEqual(refused.json().error.traceId, TRACE, "an outsider cannot put its trace id into our answers");
  });

  test("retries: each attempt is its own span under the request's, and the upstream's parent is the attempt that reached it", async () => {
    const res = await request(`${exporting.url}/flaky/report`, { headers: { traceparent: `00-${TRACE.replace("4bf9", "5bf9")}-${CALLER_SPAN}-01` } });
    assert.equal(res.status, 200);
    const traceId = TRACE.replace("4bf9", "5bf9");
    const spans = await waitForSpans(traceId, 3);
    const srv = server(spans);
    const attempts = clients(spans);
    assert.equal(attempts.length, 2);
    assert.ok(attempts.every((a) => a.parentSpanId === srv.spanId));
    assert.notEqual(attempts[0]!.spanId, attempts[1]!.spanId);
    assert.deepEqual([attempts[0]!.status, attempts[0]!.attributes["error.type"], attempts[0]!.attributes["tta.attempt"]], [ERROR, "GW_UPSTREAM_UNAVAILABLE", 1]);
    assert.deepEqual([attempts[1]!.attributes["http.response.status_code"], attempts[1]!.attributes["http.request.resend_count"]], [200, 1]);
    assert.equal(srv.attributes["tta.upstream.attempts"], 2);
    assert.equal(idsOf(upstream.last("/flaky/report")!.traceparent).parentId, attempts[1]!.spanId);
  });

  test("an aggregation route: each part is an attempt span of the request's trace, and each part's upstream request has that span as parent", async () => {
    const traceId = TRACE.replace("4bf9", "abf9");
    const res = await request(`${exporting.url}/overview/p-1`, { headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-01` } });
    assert.equal(res.status, 200, res.text);
    const spans = await waitForSpans(traceId, 3);
    const srv = server(spans);
    const parts = clients(spans);
    assert.equal(parts.length, 2);
    assert.ok(parts.every((p) => p.parentSpanId === srv.spanId));
    const parents = ["/parts/profile/p-1", "/parts/history/p-1"].map((path) => idsOf(upstream.last(path)?.traceparent));
    assert.ok(parents.every((p) => p.traceId === traceId));
    assert.deepEqual(parents.map((p) => p.parentId).sort(), parts.map((p) => p.spanId).sort());
  });

  test("a WebSocket upgrade: the upstream leg's handshake carries a traceparent of the leg's span", async () => {
    const ws = new WebSocket(`${exporting.url.replace("http", "ws")}/ws/echo`, ["tta.v1"], { headers: { traceparent: `00-${TRACE.replace("4bf9", "6bf9")}-${CALLER_SPAN}-01` } });
    ws.on("error", () => {});
    await new Promise<void>((resolve, reject) => ws.once("open", () => resolve()).once("unexpected-response", (_req, r) => reject(new Error(`upgrade refused: ${r.statusCode}`))));
    ws.close();
    const traceId = TRACE.replace("4bf9", "6bf9");
    const leg = idsOf(upstream.last("ws /ws/echo")!.traceparent);
    assert.equal(leg.traceId, traceId);
    const spans = await waitForSpans(traceId, 2);
    const [attempt] = clients(spans);
    assert.equal(attempt!.spanId, leg.parentId);
    assert.equal(attempt!.attributes["http.response.status_code"], 101);
    assert.deepEqual([server(spans).parentSpanId, server(spans).attributes["http.response.status_code"]], [CALLER_SPAN, 101]);
  });

  test("no endpoint: nothing is exported, and the upstream still gets a traceparent (a trusted one passed on as it came)", async () => {
    assert.equal((await request(`${silent.url}/api/silent-new`)).status, 200);
    const fresh = idsOf(upstream.last("/api/silent-new")!.traceparent);
    const missing = await request(`${silent.url}/nowhere`);
    assert.match(missing.json().error.traceId, /^[0-9a-f]{32}$/, "error answers name a trace id all the same");
    const passed = `00-${TRACE.replace("4bf9", "7bf9")}-${CALLER_SPAN}-01`;
    assert.equal((await request(`${silent.url}/api/silent-passed`, { headers: { traceparent: passed } })).status, 200);
    assert.equal(upstream.last("/api/silent-passed")!.traceparent, passed);
    // A request on the exporting gateway after them: once its span is in, anything sent before would be too.
    const marker = (await request(`${exporting.url}/nowhere`)).json().error.traceId;
    await waitForSpans(marker, 1);
    for (const traceId of [fresh.traceId, missing.json().error.traceId, passed.slice(3, 35)])
      assert.ok(!receiver.posts.some((p) => p.body.includes(traceId) || p.body.includes(Buffer.from(traceId, "hex"))), `nothing of trace ${traceId} was sent`);
    assert.doesNotMatch((await request(`${silent.adminUrl}/metrics`)).text, /tta_gateway_trace_spans_total/, "no exporter was even made");
  });

  test("OTLP/protobuf: the spans of a request go out as protobuf, its trace id inside", async () => {
    const traceId = TRACE.replace("4bf9", "8bf9");
    assert.equal((await request(`${protobuf.url}/api/proto`, { headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-01` } })).status, 200);
    const post = await waitFor("a protobuf export with the trace id", async () => receiver.posts.find((p) => p.contentType === "application/x-protobuf" && p.body.includes(Buffer.from(traceId, "hex"))));
    assert.ok(post.body.includes(Buffer.from("GET /api/*")), "the server span's name");
    assert.ok(post.body.includes(Buffer.from(CALLER_SPAN, "hex")), "its parent, the caller's span");
  });

  test("a collector that never answers: every request is still answered, and the lost spans are counted and logged once", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => request(`${orphaned.url}/api/while-down-${i}`)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    const spans = async () => {
      const text = (await request(`${orphaned.adminUrl}/metrics`)).text;
      const value = (outcome: string) => Number(new RegExp(`^tta_gateway_trace_spans_total\\{outcome="${outcome}"\\} (\\d+)`, "m").exec(text)?.[1]);
      return { exported: value("exported"), failed: value("failed"), dropped: value("dropped") };
    };
    // An export hangs until its timeout, so the queue (4 spans) overflows meanwhile; the hung exports then fail.
    const counted = await waitFor("failed and dropped spans in /metrics", async () => ((await spans()).failed > 0 && (await spans()).dropped > 0 ? spans() : null), 15_000);
    assert.equal(counted.exported, 0);
    assert.ok(counted.failed + counted.dropped <= 60, "at most one server and one client span per request");
    assert.equal(orphanedLogs.messages("spans could not be sent to the OTLP endpoint; they are dropped until it takes them again (tta_gateway_trace_spans_total)").length, 1, "once per outage, not per batch");
    assert.equal((await request(`${orphaned.url}/api/after`)).status, 200);
  });
});
