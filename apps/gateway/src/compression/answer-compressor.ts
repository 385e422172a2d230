// What the compress stage leaves on the context for whoever writes the answer (the upstream
// exchange, the cache answering from what it stored): called with the status and the headers about
// to go out, it edits them for the coding it picks (Content-Encoding, Vary, no Content-Length, a weak
// ETag) and returns the encoder the body goes through last, or null (sent as it is; a HEAD or a 304
// gets the headers its GET would have, without a body).
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Transform } from "node:stream";
import type { RouteContext } from "../pipeline/context.ts";
import type { CompiledCompression } from "./compiled-policy.ts";
import { createEncoder, type EncoderSettings } from "./encoder.ts";
import type { CompressionMeters } from "./meters.ts";
import { compressionVerdict, type RequestSide } from "./verdict.ts";

declare module "../pipeline/context.ts" {
  interface RouteContext {
    /** Set by the compress stage on routes with a compression policy. */
    compressAnswer?: AnswerCompressor;
  }
}

export type AnswerCompressor = (status: number, headers: OutgoingHttpHeaders) => Transform | null;

/** Headers that describe the identity bytes: a compressed body has another length and digest, and byte ranges of it mean nothing. */
const IDENTITY_ONLY = ["content-length", "content-md5", "digest", "content-digest", "repr-digest", "accept-ranges"];

function addVary(headers: OutgoingHttpHeaders): void {
  const value = headers.vary;
  const text = value === undefined ? "" : Array.isArray(value) ? value.join(", ") : String(value);
  if (/(^|,)\s*(\*|accept-encoding)\s*(,|$)/i.test(text)) return;
  headers.vary = text.trim() ? `${text}, Accept-Encoding` : "Accept-Encoding";
}

/** A compressed body is not byte-for-byte the upstream's: its entity tag stays, weak (as nginx does), so If-None-Match still matches it. */
function weakenEtag(headers: OutgoingHttpHeaders): void {
  const etag = headers.etag;
  if (typeof etag === "string" && etag.startsWith('"')) headers.etag = `W/${etag}`;
}

export interface CompressorDeps {
  meters: CompressionMeters;
  settings: EncoderSettings;
}

export function answerCompressor(ctx: RouteContext, policy: CompiledCompression, request: RequestSide, deps: CompressorDeps): AnswerCompressor {
  const route = ctx.match.route.name;
  return (status, headers) => {
    if (status === 304) {
      // What the 200 would have said, so a cache holding the compressed answer can refresh it.
      addVary(headers);
      if (request.coding) weakenEtag(headers);
      return null;
    }
    const verdict = compressionVerdict(policy, request, status, headers);
    if ("skip" in verdict) {
      if (verdict.vary) addVary(headers);
      deps.meters.skipped(route, verdict.skip);
      return null;
    }
    const coding = verdict.compress;
    const length = headers["content-length"] === undefined ? null : Number(headers["content-length"]);
    for (const name of IDENTITY_ONLY) delete headers[name];
    headers["content-encoding"] = coding;
    addVary(headers);
    weakenEtag(headers);
    if (ctx.req.method === "HEAD") return null;
    const encoder = createEncoder(coding, deps.settings, length);
    let encoded = 0;
    // Attached before the writer pipes the encoder on: nothing flows before its first input.
    encoder.on("data", (chunk: Buffer) => (encoded += chunk.length));
    encoder.once("end", () => deps.meters.compressed(route, coding, encoder.bytesWritten, encoded));
    // The client went away: free zlib's memory now, not when the collector gets to it.
    ctx.res.once("close", () => encoder.destroy());
    return encoder;
  };
}

/** Sends a body the writer holds whole (a cached or a merged answer) through its encoder; a failing encoder cuts the answer. */
export function endEncoded(res: ServerResponse, encoder: Transform, body: Buffer): void {
  encoder.once("error", () => res.destroy());
  encoder.pipe(res);
  encoder.end(body);
}
