// A route's response compression (the gateway's stages/compress): which encodings it may use,
// from what size, for which content types, and whether answers to requests with credentials may be
// compressed (BREACH: see apps/gateway/README.md). null on a route = its answers go out as the
// upstream sent them. Browser-safe (the console's route form).
import { z } from "zod";

/** Encodings the gateway can produce; br is preferred when the client weighs them equally. */
export const COMPRESSION_ALGORITHMS = ["br", "gzip"] as const;
export const ZCompressionAlgorithm = z.enum(COMPRESSION_ALGORITHMS);
export type TCompressionAlgorithm = z.infer<typeof ZCompressionAlgorithm>;

/**
 * Worded types that shrink well. text/event-stream is left out on purpose (the gateway flushes
 * every chunk, so it can be added, but each event then carries a flush's overhead); images,
 * video, fonts and archives are compressed already.
 */
export const DEFAULT_COMPRESSIBLE_TYPES: readonly string[] = [
  "text/html",
  "text/plain",
  "text/css",
  "text/csv",
  "text/markdown",
  "text/xml",
  "text/javascript",
  "application/javascript",
  "application/json",
  "application/*+json",
  "application/x-ndjson",
  "application/xml",
  "application/*+xml",
  "image/svg+xml",
];

const TOKEN = "[a-z0-9!#$&^_.+-]+";
const MEDIA_RANGE = new RegExp(`^${TOKEN}/(\\*|\\*\\+${TOKEN}|${TOKEN})$`);

/** "application/json", "text/*" or "application/*+json"; no parameters, no "*\/*". */
const ZMediaRange = z
  .string()
  .trim()
  .toLowerCase()
  .refine((t) => !t.startsWith("*/"), "name the types (images, video and archives gain nothing from compression)")
  .refine((t) => t.startsWith("*/") || MEDIA_RANGE.test(t), "a media type such as application/json, text/* or application/*+json (no parameters)");

const unique = (values: readonly string[]) => new Set(values).size === values.length;

export const ZCompressionPolicy = z.object({
  enabled: z.boolean().default(true),
  /** The encodings offered; the client's Accept-Encoding picks among them (br when tied). */
  algorithms: z.array(ZCompressionAlgorithm).min(1, "choose at least one algorithm").max(COMPRESSION_ALGORITHMS.length).refine(unique, "names an algorithm twice").default(["br", "gzip"]),
  /** Answers whose Content-Length says fewer bytes go out uncompressed (an answer of unknown length is compressed). */
  minBytes: z.number().int("whole bytes").min(0, "0 or more").max(10_485_760, "at most 10 485 760 bytes (10 MiB)").default(1024),
  /** The answer's Content-Type must match one of these. */
  contentTypes: z.array(ZMediaRange).min(1, "name at least one content type").max(32, "at most 32 content types").refine(unique, "names a content type twice").default([...DEFAULT_COMPRESSIBLE_TYPES]),
  /**
   * Off (the default): answers that set a cookie, and answers to requests with a Cookie or
   * Authorization header that the upstream does not mark Cache-Control: public, go out
   * uncompressed (they may hold a secret next to reflected input: BREACH). On: this route's
   * answers hold no such secret, compress them too.
   */
  compressCredentialed: z.boolean().default(false),
});
export type TCompressionPolicy = z.infer<typeof ZCompressionPolicy>;
export type TCompressionPolicyInput = z.input<typeof ZCompressionPolicy>;

export const routeCompressionFields = {
  /** null: answers are relayed as the upstream sends them (every route published before this field). */
  compression: ZCompressionPolicy.nullable().default(null),
};
