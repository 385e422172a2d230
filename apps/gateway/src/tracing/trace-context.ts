// W3C Trace Context (level 1) on the wire: the traceparent header parsed strictly and formatted,
// and tracestate checked and bounded (32 members, 512 characters). Anything that does not parse
// is treated as absent: the gateway then starts a trace of its own instead of passing on garbage.

/** What a valid traceparent says about the caller's span. */
export interface RemoteParent {
  readonly traceId: string;
  /** The caller's span id (the "parent-id" field). */
  readonly spanId: string;
  readonly sampled: boolean;
}

const ZERO_TRACE_ID = "0".repeat(32);
const ZERO_SPAN_ID = "0".repeat(16);

/** value[from, to) is lower-case hex. A loop over char codes: a regex with groups costs ~1 µs a header. */
function lowerHex(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * The caller's span from a traceparent header, or null when the header is absent or invalid:
 * version ff, upper-case hex, an all-zero trace or parent id, a wrong length, or several headers
 * (node joins repeated ones with ", "). Version 00 is exactly 55 characters
 * (version-traceid-parentid-flags); a higher version is read by its first four fields, as the spec
 * asks, when what follows starts with "-".
 */
export function parseTraceparent(value: string | string[] | undefined): RemoteParent | null {
  if (typeof value !== "string" || value.length < 55) return null;
  if (value[2] !== "-" || value[35] !== "-" || value[52] !== "-" || !lowerHex(value, 0, 2) || !lowerHex(value, 3, 35) || !lowerHex(value, 36, 52) || !lowerHex(value, 53, 55)) return null;
  const version = value.slice(0, 2);
  if (version === "ff" || (value.length > 55 && (version === "00" || value[55] !== "-"))) return null;
  const traceId = value.slice(3, 35);
  const spanId = value.slice(36, 52);
  if (traceId === ZERO_TRACE_ID || spanId === ZERO_SPAN_ID) return null;
  const low = value.charCodeAt(54); // the flags' low hex digit holds the sampled bit
  return { traceId, spanId, sampled: ((low <= 57 ? low - 48 : low - 87) & 1) === 1 };
}

/** A version 00 traceparent: only the sampled flag is set or not (the other bits are not ours to pass on). */
export function formatTraceparent(traceId: string, spanId: string, sampled: boolean): string {
  return `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;
}

export const TRACESTATE_MAX_MEMBERS = 32;
export const TRACESTATE_MAX_LENGTH = 512;
const LONG_MEMBER = 128;
// key "=" value: a key (simple, or tenant@system) and a value of printable ASCII without "," and "=".
const MEMBER = /^(?:[a-z][_0-9a-z\-*/]{0,255}|[a-z0-9][_0-9a-z\-*/]{0,240}@[a-z][_0-9a-z\-*/]{0,13})=[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/**
 * A tracestate fit to pass on, or null: repeated headers are one list; a member that does not
 * parse, a repeated key or more than 32 members discard the whole header (the spec allows it,
 * and a partial list would misstate what the caller sent). Longer than 512 characters, members
 * over 128 characters go first, then members from the end, as the spec recommends. A list that
 * needs nothing is passed on as it came.
 */
export function boundTracestate(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  const joined = Array.isArray(value) ? value.join(",") : value;
  const members: string[] = [];
  const keys: string[] = [];
  let untouched = true;
  for (const part of joined.split(",")) {
    const member = part.trim();
    if (member !== part || !member) untouched = false;
    if (!member) continue;
    if (!MEMBER.test(member)) return null;
    const key = member.slice(0, member.indexOf("="));
    if (keys.includes(key) || keys.push(key) > TRACESTATE_MAX_MEMBERS) return null;
    members.push(member);
  }
  if (members.length === 0) return null;
  const list = untouched ? joined : members.join(",");
  if (list.length <= TRACESTATE_MAX_LENGTH) return list;
  let kept = members.filter((m) => m.length <= LONG_MEMBER);
  while (kept.length > 0 && length(kept) > TRACESTATE_MAX_LENGTH) kept = kept.slice(0, -1);
  return kept.length > 0 ? kept.join(",") : null;
}

const length = (members: readonly string[]) => members.reduce((n, m) => n + m.length, 0) + Math.max(0, members.length - 1);
