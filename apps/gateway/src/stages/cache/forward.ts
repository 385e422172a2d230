// A cacheable request that goes upstream: conditionally when a stored answer has validators (our
// validators, not the client's: a 304 then refreshes the stored answer and the client's own
// conditions are answered from it), the answer stored as it streams when it may be, the stored
// answer served when the upstream fails within stale-if-error, and a 504 when a must-revalidate
// answer cannot be validated. A coalescing leader's waiters get what was stored, or null.
import type { IncomingHttpHeaders } from "node:http";
import { responseDirectives } from "../../http-cache/cache-control.ts";
import { appendCacheStatus, cacheStatus, type CacheStatus } from "../../http-cache/cache-status.ts";
import { currentAge } from "../../http-cache/freshness.ts";
import type { CacheResult } from "../../http-cache/meters.ts";
import { mustRevalidate, staleIfError } from "../../http-cache/reuse.ts";
import { conditionalHeaders, hasValidator } from "../../http-cache/validators.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import type { CachedResponse } from "../../stores/http-cache/interface.ts";
import type { AnswerDecision } from "../../upstream/answer-hook.ts";
import { answerFromStore } from "./answer-from-store.ts";
import { captureBody } from "./capture.ts";
import { CONDITIONALS, entryFor, refreshed, type CacheWriter, type Lookup } from "./entry.ts";

export interface ForwardDeps {
  writer: CacheWriter;
  /** The key's answer could not be stored (hit-for-miss: its requests stop coalescing for a while). */
  notStorable(key: string): void;
  /** Counts a result and the body bytes answered from the cache. */
  counted(ctx: RouteContext, result: CacheResult, servedBytes?: number): void;
  now(): number;
}

export interface Forwarding {
  lookup: Lookup;
  /** The stored variant this request could not use as it is (stale, or no-cache): validated, or kept for stale-if-error. */
  stored: CachedResponse | null;
  fwd: CacheStatus["fwd"];
  /** A coalescing leader's: what was stored for the waiters, or null. */
  done?: (entry: CachedResponse | null) => void;
}

export async function forward(deps: ForwardDeps, ctx: RouteContext, next: () => Promise<void>, f: Forwarding): Promise<void> {
  const { lookup, stored } = f;
  const { writer, counted } = deps;
  const route = ctx.match.route.name;
  const clientConditionals: IncomingHttpHeaders = {};
  const validating = stored !== null && hasValidator(stored.headers);
  if (validating) {
    for (const name of CONDITIONALS) {
      if (ctx.req.headers[name] !== undefined) clientConditionals[name] = ctx.req.headers[name];
      delete ctx.req.headers[name];
    }
    Object.assign(ctx.req.headers, conditionalHeaders(stored.headers));
  }
  const restoreConditionals = () => {
    for (const name of CONDITIONALS) delete ctx.req.headers[name];
    Object.assign(ctx.req.headers, clientConditionals);
  };
  let settled = false;
  const finish = (entry: CachedResponse | null) => {
    if (settled) return;
    settled = true;
    f.done?.(entry);
  };
  const serveStale = (entry: CachedResponse, status: CacheStatus) => {
    restoreConditionals();
    counted(ctx, "stale_if_error", answerFromStore(ctx, entry, currentAge(entry.headers, entry.requestTime, entry.responseTime, deps.now()), status));
  };
  const requestTime = deps.now();

  ctx.upstreamAnswer = (status, headers): AnswerDecision => {
    const responseTime = deps.now();
    if (stored && status === 304 && validating) {
      restoreConditionals();
      const entry = refreshed(stored, headers, requestTime, responseTime);
      writer.put(lookup.key, entry, lookup.policy);
      counted(ctx, "revalidated", answerFromStore(ctx, entry, 0, { fwd: "stale", fwdStatus: 304, stored: true }));
      finish(entry);
      return { kind: "answered" };
    }
    if (stored && status >= 500 && staleIfError(stored, responseDirectives(stored.headers), lookup.request, lookup.policy, responseTime)) {
      serveStale(stored, { fwd: "stale", fwdStatus: status, detail: "stale-if-error" });
      finish(null);
      return { kind: "answered" };
    }
    const said: CacheStatus = { fwd: f.fwd, fwdStatus: status };
    let capture = null;
    if (ctx.req.method === "GET") {
      const tooBig = Number(headers["content-length"] ?? 0) > lookup.policy.maxObjectBytes;
      const made = tooBig ? { notStored: "too-big" as const } : entryFor(lookup, { status, headers, body: Buffer.alloc(0), requestTime, responseTime });
      if ("entry" in made) {
        said.stored = true;
        capture = captureBody(lookup.policy.maxObjectBytes, (body) => {
          if (!body) {
            writer.notStored(route, "too-big-or-cut");
            return finish(null);
          }
          const entry = { ...made.entry, body };
          writer.put(lookup.key, entry, lookup.policy);
          finish(entry);
        });
      } else {
        writer.notStored(route, made.notStored);
        deps.notStorable(lookup.key);
      }
    }
    counted(ctx, "miss");
    headers["cache-status"] = appendCacheStatus(headers["cache-status"] as string | undefined, cacheStatus(said));
    if (!capture) finish(null);
    return { kind: "relay", capture };
  };

  ctx.upstreamFailed = () => {
    if (!stored || ctx.res.headersSent) return false;
    const response = responseDirectives(stored.headers);
    if (mustRevalidate(response)) {
      // RFC 9111 §4.2.4, §5.2.2.2: never served stale; an unreachable upstream is a 504.
      sendError(ctx, "GW_CACHE_CANNOT_REVALIDATE", { headers: { "cache-status": cacheStatus({ fwd: "stale", detail: "must-revalidate" }) } });
      return true;
    }
    if (!staleIfError(stored, response, lookup.request, lookup.policy, deps.now())) return false;
    serveStale(stored, { fwd: "stale", detail: "stale-if-error" });
    return true;
  };

  try {
    await next();
  } finally {
    finish(null); // no answer came (the upstream failed, the client left): the waiters go on their own
  }
}
