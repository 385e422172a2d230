// What one part's call brought back: its JSON, or why it counts as failed. A part fails when no
// attempt got an answer (timeout, unreachable, no instance, breakers open), when the answer is not
// 2xx, is longer than the bound, or is not JSON (an empty body is not JSON either).
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { AttemptResult } from "../../upstream/attempt/call.ts";

export type PartFailure = "timeout" | "unavailable" | "no_instance" | "breaker_open" | "bad_response" | "status" | "too_large" | "not_json";

export type PartResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: PartFailure; readonly status?: number };

const BY_CODE: Record<string, PartFailure> = {
  GW_UPSTREAM_TIMEOUT: "timeout",
  GW_NO_INSTANCE: "no_instance",
  GW_BREAKER_OPEN: "breaker_open",
  GW_UPSTREAM_BAD_RESPONSE: "bad_response",
};

const failed = (reason: PartFailure, status?: number): PartResult => (status === undefined ? { ok: false, reason } : { ok: false, reason, status });

/** null: the client went away (nobody to answer). */
export function partResult(outcome: AttemptResult, maxBytes: number): PartResult | null {
  if (outcome.kind === "client-gone") return null;
  if (outcome.kind === "failed") return failed(BY_CODE[outcome.error.code] ?? "unavailable");
  const { status, collected } = outcome;
  if (status < 200 || status > 299) return failed("status", status);
  if (!collected) return failed("bad_response"); // not a collecting call: cannot happen
  if (collected.body === null) return failed("too_large");
  let text: string;
  try {
    text = decode(collected.body, String(collected.headers["content-encoding"] ?? ""), maxBytes).toString("utf8");
  } catch (error) {
    return failed((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "too_large" : "bad_response");
  }
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch {
    return failed("not_json");
  }
}

/** The parts ask for identity, but an upstream may not listen: the usual encodings are undone, within the bound. */
function decode(body: Buffer, encoding: string, maxBytes: number): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case "":
    case "identity":
      return body;
    case "gzip":
    case "x-gzip":
      return gunzipSync(body, { maxOutputLength: maxBytes });
    case "deflate":
      return inflateSync(body, { maxOutputLength: maxBytes });
    case "br":
      return brotliDecompressSync(body, { maxOutputLength: maxBytes });
    default:
      throw new Error(`cannot decode content-encoding "${encoding}"`);
  }
}
