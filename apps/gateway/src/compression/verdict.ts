// Whether one answer is compressed, and if not, why, and whether it must still say Vary:
// Accept-Encoding (a different request could have had it compressed). What the answer is decides
// first (nothing to compress, already encoded, no-transform, a range, not a compressible type, too
// small to gain); then the request: what the client accepts, and the BREACH rule.
//
// BREACH (breachattack.com) recovers a secret from the length of compressed answers that hold the
// secret and text the attacker chose, when the attacker can make the victim's browser send many
// requests and can see the lengths on the wire. A secret of one user is in answers to requests that
// carry that user's credentials (Cookie, Authorization) and in answers that hand one out
// (Set-Cookie), so those are not compressed unless the upstream marks the answer Cache-Control:
// public (the same for everyone: no user's secret in it) or the route vouches (compressCredentialed).
import type { OutgoingHttpHeaders } from "node:http";
import { parseDirectives } from "../http-cache/cache-control.ts";
import type { Coding } from "./accept-encoding.ts";
import type { CompiledCompression } from "./compiled-policy.ts";

export type SkipReason = "status" | "encoded" | "no-transform" | "range" | "type" | "small" | "not-accepted" | "set-cookie" | "credentialed";

export type Verdict = { readonly compress: Coding } | { readonly skip: SkipReason; readonly vary: boolean };

/** What the compress stage learnt from the request before it went on. */
export interface RequestSide {
  /** The negotiated coding; null = the client takes identity only (or sent no Accept-Encoding). */
  readonly coding: Coding | null;
  /** The request carried a Cookie or Authorization header. */
  readonly credentialed: boolean;
}

const one = (value: OutgoingHttpHeaders[string]): string | undefined => (value === undefined ? undefined : Array.isArray(value) ? value.join(",") : String(value));

const skipped = (reason: SkipReason, vary: boolean): Verdict => ({ skip: reason, vary });

/** For an answer with a body (a 304 is the caller's): compress with which coding, or skip and why. */
export function compressionVerdict(policy: CompiledCompression, request: RequestSide, status: number, headers: OutgoingHttpHeaders): Verdict {
  if (status === 206 || headers["content-range"] !== undefined) return skipped("range", false);
  if (status < 200 || status === 204 || status === 304) return skipped("status", false);
  const encoding = one(headers["content-encoding"])?.trim().toLowerCase();
  if (encoding && encoding !== "identity") return skipped("encoded", false);
  const cacheControl = parseDirectives(one(headers["cache-control"]));
  if (cacheControl.has("no-transform")) return skipped("no-transform", false);
  const type = one(headers["content-type"]);
  if (!type || !policy.compressible(type)) return skipped("type", false);
  const length = one(headers["content-length"]);
  if (length !== undefined && Number(length) < policy.minBytes) return skipped("small", false);
  // From here the answer could have been compressed for another request: it varies.
  if (!request.coding) return skipped("not-accepted", true);
  if (!policy.compressCredentialed) {
    if (headers["set-cookie"] !== undefined) return skipped("set-cookie", true);
    if (request.credentialed && !cacheControl.has("public")) return skipped("credentialed", true);
  }
  return { compress: request.coding };
}
