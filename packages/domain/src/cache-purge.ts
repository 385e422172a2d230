// Purging the gateways' shared HTTP cache from the console (cache.purge): what an admin names and
// what comes back. The gateway admin API's body (POST /cache/purge) names exactly one scope; here
// the scope is tagged with `by`, which forms and the audit log read more easily.
import { z } from "zod";

const name = (what: string) => z.string().trim().min(1, `name the ${what}`).max(256);

export const ZCachePurgeInput = z.discriminatedUnion("by", [
  z.object({ by: z.literal("route"), route: name("route") }),
  /** An upstream's Surrogate-Key / Cache-Tag. */
  z.object({ by: z.literal("tag"), tag: name("tag") }),
  /** "Forget this user": every answer stored for them, on every route. */
  z.object({ by: z.literal("user"), user: name("user id") }),
  z.object({
    by: z.literal("path"),
    host: name("host"),
    path: z.string().trim().startsWith("/", "starts with /, e.g. /api/players/42").max(2048),
  }),
  z.object({ by: z.literal("all") }),
]);
export type TCachePurgeInput = z.infer<typeof ZCachePurgeInput>;

export const ZCachePurgeResult = z.object({
  /** Stored answers removed (every variant and partition counts). */
  purged: z.number().int().min(0),
});
export type TCachePurgeResult = z.infer<typeof ZCachePurgeResult>;

/** The gateway admin API's body for a scope. */
export function cachePurgeBody(input: TCachePurgeInput): Record<string, string | true> {
  switch (input.by) {
    case "route":
      return { route: input.route };
    case "tag":
      return { tag: input.tag };
    case "user":
      return { user: input.user };
    case "path":
      return { host: input.host, path: input.path };
    case "all":
      return { all: true };
  }
}
