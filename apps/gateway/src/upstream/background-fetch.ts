// A request the gateway makes on its own, with no client waiting: the cache's background
// revalidation (stale-while-revalidate). One attempt to an instance the service's balancer picks
// among those in rotation whose breaker allows it (the breaker is told how it went), through the
// shared keep-alive agents, bounded in time and in body bytes, and through the route's response
// transforms (PII masking) so that what it brings back is what a client would have been sent.
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import { PassThrough, type Readable } from "node:stream";
import type { CompiledRoute } from "../config/compiled.ts";
import { endToEndHeaders } from "../http/hop-by-hop.ts";
import type { Agents } from "./agents.ts";
import type { CallResult } from "./circuit-breaker/rolling-window.ts";
import { pickForOwnRequest } from "./own-request-instance.ts";
import type { UpstreamPools } from "./pool/upstream-pools.ts";
import type { ResponseTransform } from "./response-transform.ts";

export interface BackgroundRequest {
  route: CompiledRoute;
  method: "GET";
  /** Path and query for the instance. */
  path: string;
  headers: IncomingHttpHeaders;
  timeoutMs: number;
  /** Longer bodies are not read to the end: the fetch gives up (null). */
  maxBodyBytes: number;
  transform: ResponseTransform | null;
}

export interface BackgroundAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  requestTime: number;
  responseTime: number;
}

export type BackgroundFetch = (request: BackgroundRequest) => Promise<BackgroundAnswer | null>;

export function backgroundFetcher(pools: () => UpstreamPools, agents: Agents): BackgroundFetch {
  return async (request) => {
    const started = Date.now();
    const picked = pickForOwnRequest(pools(), request.route, started);
    if (!picked.ok) return null;
    const { instance, permit } = picked;
    const target = new URL(request.path, instance.target);
    const secure = target.protocol === "https:";
    instance.active++;
    const verdict: { result: CallResult } = { result: "connection_failure" }; // set by the callbacks below
    try {
      const answer = await new Promise<BackgroundAnswer | null>((resolve) => {
        const req = (secure ? https : http).request(target, { method: request.method, headers: request.headers, agent: agents.forTarget(request.route.service.name, target), timeout: request.timeoutMs });
        const timer = setTimeout(() => req.destroy(new Error("background fetch over its time")), request.timeoutMs);
        req.once("error", () => (clearTimeout(timer), resolve(null)));
        req.once("response", (res) => {
          const responseTime = Date.now();
          verdict.result = (res.statusCode ?? 502) >= 500 ? "failure" : "success";
          const headers = endToEndHeaders(res.headers);
          const transforms = request.transform?.(res.statusCode ?? 502, headers) ?? [];
          let tail: Readable = res;
          for (const t of transforms) tail = tail.pipe(t);
          const chunks: Buffer[] = [];
          let bytes = 0;
          const sink = tail.pipe(new PassThrough());
          sink.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes > request.maxBodyBytes) {
              req.destroy();
              clearTimeout(timer);
              return resolve(null);
            }
            chunks.push(chunk);
          });
          const failed = () => (clearTimeout(timer), resolve(null));
          for (const s of [res, ...transforms]) s.once("error", failed);
          sink.once("end", () => (clearTimeout(timer), resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks), requestTime: started, responseTime })));
        });
        req.end();
      });
      if (!answer && verdict.result === "success") verdict.result = "failure"; // a body cut short
      return answer;
    } finally {
      instance.active--;
      instance.breaker.record(permit, verdict.result, Date.now());
    }
  };
}
