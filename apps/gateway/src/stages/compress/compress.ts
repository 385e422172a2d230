// Routes with a compression policy: the answer's body is compressed with br or gzip as it streams,
// by the client's Accept-Encoding, unless the answer or the request rules it out (verdict.ts: size,
// type, already encoded, no-transform, ranges, and the BREACH rule for credentialed answers). The
// upstream is asked for identity: the gateway owns the encoding on such a route, so its rules hold
// for every answer and the cache stores one identity answer per URI, compressed per client on the
// way out (cache hits too). Sits before PII masking and the cache in the chain, so it reads the
// client's Accept-Encoding before anything rewrites it; the encoder runs last on the body, after
// masking and after the cache took its copy. Never answers.
import type { RouteStage } from "../../pipeline/stage.ts";
import { negotiateEncoding } from "../../compression/accept-encoding.ts";
import { answerCompressor } from "../../compression/answer-compressor.ts";
import { DEFAULT_ENCODER_SETTINGS, type EncoderSettings } from "../../compression/encoder.ts";
import { NO_COMPRESSION_METERS, type CompressionMeters } from "../../compression/meters.ts";

export interface CompressOptions {
  meters?: CompressionMeters;
  settings?: EncoderSettings;
}

export function compress(options: CompressOptions = {}): RouteStage {
  const deps = { meters: options.meters ?? NO_COMPRESSION_METERS, settings: options.settings ?? DEFAULT_ENCODER_SETTINGS };
  return function compress(ctx, next) {
    const policy = ctx.match.route.compression; // only in the chain of routes with a compression policy (order.ts)
    if (!policy) return next();
    const { headers } = ctx.req;
    const coding = negotiateEncoding(headers["accept-encoding"], policy.codings);
    const credentialed = headers.authorization !== undefined || headers.cookie !== undefined;
    headers["accept-encoding"] = "identity";
    ctx.compressAnswer = answerCompressor(ctx, policy, { coding, credentialed }, deps);
    return next();
  };
}
