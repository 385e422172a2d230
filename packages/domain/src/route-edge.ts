// The edge settings a route may carry on top of its policies: response header overrides over the
// gateway's security defaults, CORS, and request body limits. Browser-safe (the console's forms).
import { z } from "zod";

const HEADER_TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;

/** Headers a route may not set: framing, hop-by-hop, the gateway's own and cookies. */
const NOT_OVERRIDABLE = /^(content-length|transfer-encoding|connection|keep-alive|upgrade|trailer|te|set-cookie|x-request-id|x-tta-.*|ratelimit.*|retry-after|access-control-.*)$/i;

/**
 * Response headers over the gateway's security defaults: a value sets (or replaces) the header,
 * null leaves the gateway's default out, so the upstream's own header, if any, passes through.
 */
export const ZRouteHeaders = z
  .record(
    z.string().regex(HEADER_TOKEN, "must be a header name").refine((n) => !NOT_OVERRIDABLE.test(n), "this header is managed by the gateway"),
    z.string().max(1024).regex(/^[^\r\n\0]*$/, "must not contain line breaks").nullable(),
  )
  .refine((h) => Object.keys(h).length <= 16, "at most 16 headers")
  .refine((h) => new Set(Object.keys(h).map((n) => n.toLowerCase())).size === Object.keys(h).length, "names a header twice");
export type TRouteHeaders = z.infer<typeof ZRouteHeaders>;

const ZOrigin = z
  .string()
  .trim()
  .refine((o) => {
    if (o === "*") return true;
    try {
      return /^https?:\/\//.test(o) && new URL(o).origin === o;
    } catch {
      return false;
    }
  }, 'must be "*" or an origin such as https://app.tta.dev (scheme, host and port only)');

/** CORS of a route; preflights are answered by the gateway. */
export const ZCorsPolicy = z
  .object({
    origins: z.array(ZOrigin).min(1, "allow at least one origin").max(32),
    /** Methods a browser may use; empty = the route's methods. */
    methods: z.array(z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])).max(6).default([]),
    /** Request headers a browser may send beyond the CORS-safelisted ones. */
    headers: z.array(z.string().regex(HEADER_TOKEN, "must be a header name")).max(32).default([]),
    credentials: z.boolean().default(false),
    /** How long a browser may cache a preflight answer, in seconds. */
    maxAge: z.number().int().min(0).max(86_400).default(600),
  })
  .refine((c) => !(c.credentials && c.origins.includes("*")), { path: ["credentials"], message: 'credentials cannot be allowed for origin "*"' });
export type TCorsPolicy = z.infer<typeof ZCorsPolicy>;

/** "json": every non-empty request body must be valid JSON (checked before it is forwarded). */
export const ZBodyValidation = z.enum(["none", "json"]);

export const MAX_BODY_BYTES_LIMIT = 1_073_741_824; // 1 GiB

export const routeEdgeFields = {
  headers: ZRouteHeaders.nullable().default(null),
  cors: ZCorsPolicy.nullable().default(null),
  /** Largest accepted request body; null = the gateway's default (GATEWAY_MAX_BODY_BYTES). */
  maxBodyBytes: z.number().int().min(0).max(MAX_BODY_BYTES_LIMIT).nullable().default(null),
  bodyValidation: ZBodyValidation.default("none"),
};
