import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { pino } from "pino";
import { Registry } from "prom-client";
import { ipSet } from "../net/ip-set.ts";
import { createTracing } from "./tracing.ts";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";
const log = pino({ level: "silent" });
const request = (headers: IncomingHttpHeaders, address = "10.0.0.5") => ({ method: "GET", url: "/x", headers, socket: { remoteAddress: address } }) as unknown as IncomingMessage;
const local = (trusted: string[] = ["10.0.0.0/24"], sampleRatio = 1) => createTracing({ export: null, instanceId: "gw", sampleRatio, trustedPeers: trusted.length ? ipSet(trusted) : null }, new Registry(), log);

test("no traceparent: a new trace, sampled at the ratio, and nothing is recorded", () => {
  const tracing = local();
  assert.equal(tracing.exporting, false);
  const a = tracing.start(request({}));
  const b = tracing.start(request({}));
  assert.match(a.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  assert.equal(a.traceparent.slice(3, 35), a.traceId);
  assert.notEqual(a.traceId, b.traceId);
  assert.equal(a.recording, false);
  assert.equal(a.attempt(1, "svc", "GET").traceparent, a.traceparent, "every attempt sends the request's one traceparent");
  assert.match(local([], 0).start(request({})).traceparent, /-00$/, "ratio 0: not sampled");
});

test("a trusted peer's traceparent passes through unchanged, its tracestate bounded and kept", () => {
  const headers: IncomingHttpHeaders = { traceparent: `00-${TRACE}-${SPAN}-01`, tracestate: "rojo=1, congo=2" };
  const trace = local().start(request(headers));
  assert.equal(trace.traceId, TRACE);
  assert.equal(trace.traceparent, `00-${TRACE}-${SPAN}-01`);
  assert.equal(headers.traceparent, trace.traceparent, "the request carries the gateway's (here: the same)");
  assert.equal(headers.tracestate, "rojo=1,congo=2");
  assert.equal(local().start(request({ traceparent: `00-${TRACE}-${SPAN}-00` })).traceparent, `00-${TRACE}-${SPAN}-00`, "its not-sampled decision stands");
});

test("an untrusted peer's traceparent is not adopted: a new trace, and its tracestate is dropped", () => {
  for (const tracing of [local(), local([])]) {
    const headers: IncomingHttpHeaders = { traceparent: `00-${TRACE}-${SPAN}-01`, tracestate: "rojo=1" };
    const trace = tracing.start(request(headers, "203.0.113.9"));
    assert.notEqual(trace.traceId, TRACE);
    assert.deepEqual([headers.traceparent, headers.tracestate], [trace.traceparent, undefined], "the client's replaced by the gateway's, its tracestate gone");
  }
});

test("an invalid traceparent from a trusted peer starts a new trace; a tracestate alone is dropped", () => {
  const headers: IncomingHttpHeaders = { traceparent: `00-${TRACE.toUpperCase()}-${SPAN}-01`, tracestate: "rojo=1" };
  const trace = local().start(request(headers));
  assert.notEqual(trace.traceId.toLowerCase(), TRACE);
  assert.deepEqual([headers.traceparent, headers.tracestate], [trace.traceparent, undefined]);
  const alone: IncomingHttpHeaders = { tracestate: "rojo=1" };
  local().start(request(alone));
  assert.equal(alone.tracestate, undefined);
});

test("trust is the socket's own address, IPv4-mapped included", () => {
  const trace = local(["127.0.0.1"]).start(request({ traceparent: `00-${TRACE}-${SPAN}-01`, "x-forwarded-for": "127.0.0.1" }, "::ffff:127.0.0.1"));
  assert.equal(trace.traceId, TRACE);
  const spoofed = local(["127.0.0.1"]).start(request({ traceparent: `00-${TRACE}-${SPAN}-01`, "x-forwarded-for": "127.0.0.1" }, "198.51.100.7"));
  assert.notEqual(spoofed.traceId, TRACE, "X-Forwarded-For does not make a peer trusted");
});
