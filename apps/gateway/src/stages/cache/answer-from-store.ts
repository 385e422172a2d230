// A stored answer written to the client: its status, headers and body, with its current Age and
// Cache-Status, or 304 when the client's own conditional request matches it. HEAD gets no body.
// On a compressing route the stored identity body is compressed for this client (stages/compress).
import type { OutgoingHttpHeaders } from "node:http";
import { endEncoded } from "../../compression/answer-compressor.ts";
import { appendCacheStatus, cacheStatus, type CacheStatus } from "../../http-cache/cache-status.ts";
import { notModified, notModifiedHeaders } from "../../http-cache/validators.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import type { CachedResponse } from "../../stores/http-cache/interface.ts";

/** Writes `stored` to the client; returns its body bytes (a compressed body is still streaming then: see whenSent). */
export function answerFromStore(ctx: RouteContext, stored: CachedResponse, age: number, status: CacheStatus): number {
  const { res } = ctx;
  const ours = { age: String(Math.max(0, Math.floor(age))), "cache-status": appendCacheStatus(stored.headers["cache-status"] as string | undefined, cacheStatus(status)) };
  if (notModified(ctx.req.headers, stored.headers)) {
    const headers: OutgoingHttpHeaders = { ...notModifiedHeaders(stored.headers), ...ours };
    ctx.compressAnswer?.(304, headers);
    res.writeHead(304, headers);
    res.end();
    return 0;
  }
  const headers: OutgoingHttpHeaders = { ...(stored.headers as OutgoingHttpHeaders), ...ours };
  delete headers["transfer-encoding"];
  const bodiless = stored.status === 204 || stored.status === 304;
  if (!bodiless) headers["content-length"] = String(stored.body.length);
  const encoder = ctx.compressAnswer?.(stored.status, headers) ?? null; // judged with the length known
  res.writeHead(stored.status, headers);
  if (ctx.req.method === "HEAD" || bodiless) {
    res.end();
    return 0;
  }
  if (encoder) endEncoded(res, encoder, stored.body);
  else res.end(stored.body);
  return stored.body.length;
}
