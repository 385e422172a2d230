// Standalone mode (no Redis): each gateway's admin API. The state is read with GET /live/state
// from every gateway; events come from one GET /live/events stream per gateway, followed for as
// long as the console runs, reconnected with backoff, and cut and reopened when silent (heartbeats
// come every second); commands are POST /breakers to every gateway, with the admin token.
import { ZBreakerCommandAck, ZGatewayLiveState, ZLiveEvent, type TBreakerCommandAck, type TGatewayLiveState } from "@tta/domain";
import { EventHub } from "./event-hub.ts";
import { GatewayMemory } from "./gateway-memory.ts";
import type { LiveLog, LiveSource } from "./live-source.ts";
import { createOutages } from "./outages.ts";
import { createSseParser } from "./sse-parser.ts";
import { abortableSleep } from "./abortable-sleep.ts";

export interface AdminApiLiveSourceOptions {
  /** Admin base URLs, one per gateway (GATEWAY_ADMIN_URLS). */
  urls: readonly string[];
  /** GATEWAY_ADMIN_TOKEN: sent as a Bearer token (reads need it when the gateways have one). */
  token?: string;
  log?: LiveLog;
  requestTimeoutMs?: number; // default 1500
  /** A stream with nothing (not even a heartbeat) for this long is reopened. Default 5000. */
  silenceTimeoutMs?: number;
  backoff?: { baseMs?: number; capMs?: number };
  now?: () => number;
}

export function createAdminApiLiveSource(options: AdminApiLiveSourceOptions): LiveSource {
  const urls = options.urls.map((u) => u.replace(/\/+$/, ""));
  const log = options.log ?? console;
  const outages = createOutages(log);
  const memory = new GatewayMemory(options.now);
  const requestTimeoutMs = options.requestTimeoutMs ?? 1_500;
  const silenceTimeoutMs = options.silenceTimeoutMs ?? 5_000;
  const { baseMs = 100, capMs = 5_000 } = options.backoff ?? {};
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const closing = new AbortController();
  const followers: Promise<void>[] = [];
  const hub = new EventHub(() => {
    for (const url of urls) followers.push(follow(url));
  });

  async function follow(url: string): Promise<void> {
    const what = `gateway admin API ${url}`;
    let attempt = 0;
    while (!closing.signal.aborted) {
      const connection = new AbortController();
      const abort = () => connection.abort();
      closing.signal.addEventListener("abort", abort, { once: true });
      let silence: NodeJS.Timeout | undefined;
      const quiet = () => {
        clearTimeout(silence);
        silence = setTimeout(() => connection.abort(new Error(`no data for ${silenceTimeoutMs} ms`)), silenceTimeoutMs);
      };
      try {
        quiet();
        const res = await fetch(`${url}/live/events`, { headers: { ...headers, accept: "text/event-stream" }, signal: connection.signal });
        if (!res.ok || !res.body) throw new Error(`GET /live/events answered ${res.status}`);
        outages.recovered(what);
        const parse = createSseParser(({ data }) => {
          attempt = 0; // a stream that delivers is a success; back off from scratch next time
          accept(data);
        });
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          quiet();
          parse(decoder.decode(value, { stream: true }));
        }
        throw new Error("the event stream ended");
      } catch (error) {
        if (closing.signal.aborted) break;
        outages.failed(what, connection.signal.reason ?? error);
      } finally {
        clearTimeout(silence);
        closing.signal.removeEventListener("abort", abort);
      }
      const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt++, 30));
      await abortableSleep(ceiling / 2 + (ceiling / 2) * Math.random(), closing.signal);
    }
  }

  function accept(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const event = ZLiveEvent.safeParse(json);
    if (!event.success) return;
    if (event.data.type === "gateway.heartbeat") memory.heartbeat(event.data);
    hub.publish(event.data);
  }

  async function readState(url: string): Promise<TGatewayLiveState | null> {
    try {
      const res = await fetch(`${url}/live/state`, { headers, signal: AbortSignal.any([AbortSignal.timeout(requestTimeoutMs), closing.signal]) });
      if (!res.ok) throw new Error(`GET /live/state answered ${res.status}`);
      const state = ZGatewayLiveState.parse(await res.json());
      outages.recovered(`gateway admin API ${url}`);
      return state;
    } catch (error) {
      outages.failed(`gateway admin API ${url}`, error);
      return null;
    }
  }

  async function command(url: string, body: string, correlationId: string): Promise<TBreakerCommandAck | null> {
    try {
      const res = await fetch(`${url}/breakers`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "x-request-id": correlationId },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(requestTimeoutMs * 2), closing.signal]),
      });
      const answer: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const code = (answer as { error?: { code?: string } } | null)?.error?.code ?? `HTTP ${res.status}`;
        log.warn(`[live] breaker command ${correlationId} refused by ${url}: ${code}`);
        return null;
      }
      return ZBreakerCommandAck.parse(answer);
    } catch (error) {
      log.warn(`[live] breaker command ${correlationId} did not reach ${url}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  return {
    mode: "admin-api",
    async state() {
      const states = await Promise.all(urls.map(readState));
      const fresh = new Set<string>();
      for (const state of states) {
        if (!state) continue;
        memory.remember(state);
        fresh.add(state.heartbeat.gatewayId);
      }
      return memory.views(fresh);
    },
    subscribe: (listener, lastEventId) => hub.subscribe(listener, lastEventId),
    async sendBreakerCommand(cmd) {
      const body = JSON.stringify(cmd);
      const acks = (await Promise.all(urls.map((url) => command(url, body, cmd.correlationId)))).filter((a): a is TBreakerCommandAck => a !== null);
      return { correlationId: cmd.correlationId, reached: acks.length, applied: acks.filter((a) => a.applied).length, acks };
    },
    async close() {
      closing.abort();
      hub.clear();
      await Promise.all(followers);
    },
  };
}
