// Trace and span ids from the operating system's random source, taken from a pooled buffer: one
// randomFillSync per 256 requests instead of one call per id. They are random (not counters) because
// trace ids end up in error answers, and one client must not be able to guess another's.
import { randomFillSync } from "node:crypto";

const POOL_BYTES = 8_192;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let at = POOL_BYTES;

function hex(bytes: number): string {
  if (at + bytes > POOL_BYTES) {
    randomFillSync(pool);
    at = 0;
  }
  const id = pool.toString("hex", at, at + bytes);
  at += bytes;
  return id;
}

const ZERO_TRACE_ID = "0".repeat(32);
const ZERO_SPAN_ID = "0".repeat(16);

/** 32 lower-case hex digits, never all zero (an invalid id). */
export function newTraceId(): string {
  let id = hex(16);
  while (id === ZERO_TRACE_ID) id = hex(16);
  return id;
}

/** 16 lower-case hex digits, never all zero. */
export function newSpanId(): string {
  let id = hex(8);
  while (id === ZERO_SPAN_ID) id = hex(8);
  return id;
}

/** A new trace id and span id in one string (32 + 16 hex digits): one read of the pool for a request. */
export function newTraceAndSpanId(): string {
  const ids = hex(24);
  return ids.startsWith(ZERO_TRACE_ID) || ids.endsWith(ZERO_SPAN_ID) ? newTraceId() + newSpanId() : ids;
}

/** The OpenTelemetry SDK's IdGenerator, from the same pool. */
export const POOLED_IDS = Object.freeze({ generateTraceId: newTraceId, generateSpanId: newSpanId });
