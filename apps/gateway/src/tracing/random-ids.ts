// Trace and span ids from the operating system's random source, cut from a pooled hex string: one
// randomFillSync and one hex conversion every few hundred requests, then a slice per id (~45 ns for
// a trace and span id together, against ~150 ns for a Buffer.toString per request). They are
// random, not counters, because trace ids end up in error answers and one client must not be able
// to guess another's.
import { randomFillSync } from "node:crypto";

const POOL_BYTES = 8_192;
const bytes = Buffer.allocUnsafe(POOL_BYTES);
let pool = "";
let at = POOL_BYTES * 2;

function hex(digits: number): string {
  if (at + digits > pool.length) {
    randomFillSync(bytes);
    pool = bytes.toString("hex");
    at = 0;
  }
  const id = pool.slice(at, at + digits);
  at += digits;
  return id;
}

const ZERO_TRACE_ID = "0".repeat(32);
const ZERO_SPAN_ID = "0".repeat(16);

/** 32 lower-case hex digits, never all zero (an invalid id). */
export function newTraceId(): string {
  let id = hex(32);
  while (id === ZERO_TRACE_ID) id = hex(32);
  return id;
}

/** 16 lower-case hex digits, never all zero. */
export function newSpanId(): string {
  let id = hex(16);
  while (id === ZERO_SPAN_ID) id = hex(16);
  return id;
}

/** A new trace id and span id in one string (32 + 16 hex digits): one cut from the pool for a request. */
export function newTraceAndSpanId(): string {
  const ids = hex(48);
  return ids.startsWith(ZERO_TRACE_ID) || ids.endsWith(ZERO_SPAN_ID) ? newTraceId() + newSpanId() : ids;
}

/** The OpenTelemetry SDK's IdGenerator, from the same pool. */
export const POOLED_IDS = Object.freeze({ generateTraceId: newTraceId, generateSpanId: newSpanId });
