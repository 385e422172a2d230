import { test } from "node:test";
import assert from "node:assert/strict";
import { boundTracestate, formatTraceparent, parseTraceparent } from "./trace-context.ts";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";

test("traceparent: a valid version 00 header gives the trace id, the caller's span and the sampled flag", () => {
  assert.deepEqual(parseTraceparent(`00-${TRACE}-${SPAN}-01`), { traceId: TRACE, spanId: SPAN, sampled: true });
  assert.deepEqual(parseTraceparent(`00-${TRACE}-${SPAN}-00`), { traceId: TRACE, spanId: SPAN, sampled: false });
  assert.equal(parseTraceparent(`00-${TRACE}-${SPAN}-03`)?.sampled, true, "other flag bits do not hide the sampled bit");
  assert.equal(parseTraceparent(`00-${TRACE}-${SPAN}-02`)?.sampled, false);
});

test("traceparent: anything not exactly right is as if absent", () => {
  const invalid = [
    undefined,
    "",
    `00-${TRACE}-${SPAN}`, // no flags
    `00-${TRACE.toUpperCase()}-${SPAN}-01`, // upper-case hex
    `00-${"0".repeat(32)}-${SPAN}-01`, // all-zero trace id
    `00-${TRACE}-${"0".repeat(16)}-01`, // all-zero parent id
    `ff-${TRACE}-${SPAN}-01`, // version ff is forbidden
    `00-${TRACE}-${SPAN}-01-extra`, // version 00 has exactly four fields
    `00-${TRACE}-${SPAN}-01 `, // trailing garbage (node trims headers, a test passes it raw)
    `0-${TRACE}-${SPAN}-01`,
    `00-${TRACE.slice(1)}-${SPAN}-01`,
    `00-${TRACE}-${SPAN}0-01`,
    `00_${TRACE}_${SPAN}_01`,
    `00-${TRACE}-${SPAN}-0g`,
    `00-${TRACE}-${SPAN}-01, 00-${TRACE}-${SPAN}-01`, // two headers, joined by node
    [`00-${TRACE}-${SPAN}-01`, `00-${TRACE}-${SPAN}-01`],
  ];
  for (const value of invalid) assert.equal(parseTraceparent(value), null, JSON.stringify(value));
});

test("traceparent: a later version is read by its first four fields when more follow after a dash", () => {
  assert.deepEqual(parseTraceparent(`01-${TRACE}-${SPAN}-01-what-comes-later`), { traceId: TRACE, spanId: SPAN, sampled: true });
  assert.deepEqual(parseTraceparent(`cc-${TRACE}-${SPAN}-00`), { traceId: TRACE, spanId: SPAN, sampled: false });
  assert.equal(parseTraceparent(`01-${TRACE}-${SPAN}-01x`), null);
});

test("traceparent: formatted as version 00 with only the sampled flag", () => {
  assert.equal(formatTraceparent(TRACE, SPAN, true), `00-${TRACE}-${SPAN}-01`);
  assert.equal(formatTraceparent(TRACE, SPAN, false), `00-${TRACE}-${SPAN}-00`);
  assert.deepEqual(parseTraceparent(formatTraceparent(TRACE, SPAN, true)), { traceId: TRACE, spanId: SPAN, sampled: true });
});

test("tracestate: valid lists pass, trimmed; repeated headers are one list", () => {
  assert.equal(boundTracestate("rojo=00f067aa0ba902b7, congo=t61rcWkgMzE"), "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
  assert.equal(boundTracestate(["rojo=1", "congo=2"]), "rojo=1,congo=2");
  assert.equal(boundTracestate("tenant@vendor=x,  ,a-b_c*d/e=y z"), "tenant@vendor=x,a-b_c*d/e=y z", "empty members are skipped; a value may hold a space");
  assert.equal(boundTracestate(undefined), null);
  assert.equal(boundTracestate(" , "), null);
});

test("tracestate: a bad member, a repeated key or more than 32 members drop the whole header", () => {
  for (const bad of ["Rojo=1", "rojo", "=1", "rojo=", "rojo=a,b", "rojo=a=b", "rojo=1,rojo=2", "rojo=tab\tin", "1abc=x"]) assert.equal(boundTracestate(bad), null, bad);
  const members = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v`).join(",");
  assert.equal(boundTracestate(members(32)), members(32));
  assert.equal(boundTracestate(members(33)), null);
});

test("tracestate: over 512 characters, members over 128 go first, then members from the end", () => {
  const long = `big=${"x".repeat(200)}`;
  const small = Array.from({ length: 10 }, (_, i) => `k${i}=${"v".repeat(30)}`); // 10 x 34 characters
  assert.equal(boundTracestate([long, ...small, "last=1"].join(",")), [...small, "last=1"].join(","), "the long member goes, everything else fits");
  const many = Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, "0")}=${"v".repeat(40)}`); // 20 x 44 characters
  const bounded = boundTracestate(many.join(","))!;
  assert.ok(bounded.length <= 512);
  assert.equal(bounded, many.slice(0, 11).join(","), "the first members are kept, in order");
});
