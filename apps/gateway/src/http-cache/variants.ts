// Vary (RFC 9111 §4.1): which request headers an answer depends on, and the secondary key of a
// request for those headers, so that several variants of one URL are kept and the right one is
// found. Values are normalised (whitespace around commas, case of the Accept-* families), which
// §4.1 allows; a header the request lacks matches only a variant stored without it.
import type { IncomingHttpHeaders } from "node:http";
import type { StoredHeaders } from "./freshness.ts";

export interface Vary {
  names: readonly string[];
  /** `Vary: *`: no later request can be known to match. */
  any: boolean;
}

export function varyOf(headers: StoredHeaders): Vary {
  const raw = headers.vary;
  const text = Array.isArray(raw) ? raw.join(",") : ((raw as string | undefined) ?? "");
  const names = new Set<string>();
  let any = false;
  for (const part of text.split(",")) {
    const name = part.trim().toLowerCase();
    if (name === "*") any = true;
    else if (name) names.add(name);
  }
  return { names: [...names].sort(), any };
}

const CASE_INSENSITIVE = /^accept(-|$)/;

function normalised(name: string, value: string | string[] | undefined): string {
  if (value === undefined) return "\u0000"; // absent differs from empty
  const text = (Array.isArray(value) ? value.join(",") : value).split(",").map((v) => v.trim()).filter(Boolean).join(",");
  return CASE_INSENSITIVE.test(name) ? text.toLowerCase() : text;
}

/** The secondary key of a request for the headers an answer varies on ("" without Vary). */
export function variantKey(names: readonly string[], request: IncomingHttpHeaders): string {
  if (names.length === 0) return "";
  return names.map((name) => `${name}=${normalised(name, request[name])}`).join("\n");
}
