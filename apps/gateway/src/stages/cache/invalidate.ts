// RFC 9111 §4.4: an unsafe method answered below 400 invalidates what is stored for its URI, and
// for its Location and Content-Location on the same host; by path (every query, variant and
// partition), which removes more than asked and so is safe.
import type { AnswerDecision } from "../../upstream/answer-hook.ts";
import { uriTag } from "../../http-cache/key.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import type { CacheWriter } from "./entry.ts";

const RELAY: AnswerDecision = Object.freeze({ kind: "relay", capture: null });

export function invalidateOnSuccess(ctx: RouteContext, writer: CacheWriter): void {
  const host = String(ctx.req.headers.host ?? "");
  const url = ctx.req.url ?? "/"; // as the client sent it (the upstream stage rewrites it)
  ctx.upstreamAnswer = (status, headers) => {
    if (status >= 400) return RELAY;
    const uris = [url];
    for (const name of ["location", "content-location"]) {
      const value = headers[name];
      if (typeof value !== "string") continue;
      try {
        const target = new URL(value, `http://${host}${url}`);
        if (target.host === host) uris.push(target.pathname);
      } catch {
        // not a URI: nothing to invalidate
      }
    }
    for (const tag of new Set(uris.map((uri) => uriTag(host, uri)))) void writer.store.purgeTag(tag).catch((error: unknown) => writer.failed(error, "invalidating a URI"));
    return RELAY;
  };
}
