// stale-while-revalidate (RFC 5861 §3): the stale answer went out; one background request per key
// validates it (with its validators) through the balancer and breaker, PII-masked where the route
// masks, and what comes back refreshes or replaces the stored answer.
import type { IncomingHttpHeaders } from "node:http";
import { conditionalHeaders } from "../../http-cache/validators.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import { piiMaskingTransform } from "../../safety/response-masking.ts";
import type { CachedResponse } from "../../stores/http-cache/interface.ts";
import type { BackgroundFetch } from "../../upstream/background-fetch.ts";
import { CONDITIONALS, entryFor, refreshed, type CacheWriter, type Lookup } from "./entry.ts";

export type RefreshInBackground = (ctx: RouteContext, lookup: Lookup, stored: CachedResponse) => void;

export function backgroundRefresher(fetch: BackgroundFetch, writer: CacheWriter, log: { debug(obj: object, msg: string): void }): RefreshInBackground {
  const refreshing = new Set<string>();
  return (ctx, lookup, stored) => {
    if (refreshing.has(lookup.key)) return;
    refreshing.add(lookup.key);
    const { route, upstreamPath } = ctx.match;
    const masks = route.safety.maskResponsePii;
    const headers: IncomingHttpHeaders = { ...ctx.req.headers };
    for (const name of CONDITIONALS) delete headers[name];
    Object.assign(headers, conditionalHeaders(stored.headers), { "x-request-id": `${ctx.requestId}.refresh`, traceparent: ctx.trace.traceparent });
    if (masks) headers["accept-encoding"] = "identity";
    void fetch({ route, method: "GET", path: upstreamPath, headers, timeoutMs: route.timeoutMs, maxBodyBytes: lookup.policy.maxObjectBytes, transform: masks ? piiMaskingTransform("GET") : null })
      .then((answer) => {
        if (!answer) return;
        if (answer.status === 304) return writer.put(lookup.key, refreshed(stored, answer.headers, answer.requestTime, answer.responseTime), lookup.policy);
        const made = entryFor(lookup, answer);
        if ("entry" in made) writer.put(lookup.key, made.entry, lookup.policy);
        else writer.notStored(route.name, made.notStored);
      })
      .catch((error: unknown) => log.debug({ err: error, route: route.name }, "http cache: background refresh failed"))
      .finally(() => refreshing.delete(lookup.key));
  };
}
