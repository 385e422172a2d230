// Cache-Control (RFC 9111 §5.2) and its targeted twin CDN-Cache-Control (RFC 9213) as directives:
// names lower-case, a value unquoted, the first occurrence of a directive wins (§4.2.1). A
// delta-seconds that does not parse is kept as NaN, so that freshness treats the answer as stale.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

export type Directives = ReadonlyMap<string, string | true>;

const EMPTY: Directives = new Map();

/** One header value (or several lines of it) as directives. */
export function parseDirectives(value: string | readonly string[] | number | undefined): Directives {
  if (value === undefined) return EMPTY;
  const text = Array.isArray(value) ? value.join(",") : String(value);
  if (!text.trim()) return EMPTY;
  const directives = new Map<string, string | true>();
  let i = 0;
  while (i < text.length) {
    // name
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === ",")) i++;
    let end = i;
    while (end < text.length && text[end] !== "=" && text[end] !== ",") end++;
    const name = text.slice(i, end).trim().toLowerCase();
    i = end;
    let val: string | true = true;
    if (text[i] === "=") {
      i++;
      while (text[i] === " ") i++;
      if (text[i] === '"') {
        let out = "";
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === "\\" && i + 1 < text.length) i++;
          out += text[i++];
        }
        i++; // the closing quote
        while (i < text.length && text[i] !== ",") i++;
        val = out;
      } else {
        let vend = i;
        while (vend < text.length && text[vend] !== ",") vend++;
        val = text.slice(i, vend).trim();
        i = vend;
      }
    }
    if (name && !directives.has(name)) directives.set(name, val);
  }
  return directives;
}

/** A directive's delta-seconds: null when absent, NaN when present but not a number (§1.2.2). */
export function seconds(directives: Directives, name: string): number | null {
  const value = directives.get(name);
  if (value === undefined) return null;
  if (value === true || !/^\d+$/.test(value)) return Number.NaN;
  return Math.min(Number(value), 2 ** 31); // §1.2.2: a larger value is taken as 2^31
}

export const has = (directives: Directives, name: string): boolean => directives.has(name);

/** The request's directives; Pragma: no-cache counts as no-cache when there is no Cache-Control (§5.4). */
export function requestDirectives(headers: IncomingHttpHeaders): Directives {
  if (headers["cache-control"] !== undefined) return parseDirectives(headers["cache-control"]);
  return /(^|,)\s*no-cache\s*(,|$)/i.test(String(headers.pragma ?? "")) ? new Map([["no-cache", true]]) : EMPTY;
}

/**
 * The answer's directives for this cache: CDN-Cache-Control when the upstream sent one (RFC 9213
 * §2.1: a cache that honours it ignores Cache-Control for its own behaviour), else Cache-Control.
 */
export function responseDirectives(headers: OutgoingHttpHeaders | Readonly<Record<string, string | readonly string[] | number | undefined>>): Directives {
  const targeted = headers["cdn-cache-control"];
  if (targeted !== undefined) return parseDirectives(targeted as string | string[]);
  return parseDirectives(headers["cache-control"] as string | string[] | undefined);
}
