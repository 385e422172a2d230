// For unit tests of stages: a context over minimal request/response doubles that record what a
// stage answered, without a socket.
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { pino } from "pino";
import type { CompiledConfig } from "../config/compiled.ts";
import type { RouteContext } from "../pipeline/context.ts";
import { LocalTrace } from "../tracing/request-trace.ts";

/** The trace id every fake context is in (a trace the gateway would have started, unrecorded). */
export const FAKE_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

export interface FakeAnswer {
  status: number | null;
  headers: OutgoingHttpHeaders;
  body: string;
  destroyed: boolean;
}

export function fakeContext(init: { method?: string; url?: string; headers?: IncomingHttpHeaders; config?: CompiledConfig | null; secure?: boolean } = {}) {
  const answer: FakeAnswer = { status: null, headers: {}, body: "", destroyed: false };
  const req = { method: init.method ?? "GET", url: init.url ?? "/", headers: init.headers ?? {}, socket: { remoteAddress: "127.0.0.1" } } as unknown as IncomingMessage;
  const fake = { headersSent: false, writableEnded: false, destroyed: false };
  const res = Object.assign(fake, {
    setHeader(name: string, value: string) {
      answer.headers[name.toLowerCase()] = value;
      return res;
    },
    getHeader: (name: string) => answer.headers[name.toLowerCase()],
    hasHeader: (name: string) => answer.headers[name.toLowerCase()] !== undefined,
    removeHeader(name: string) {
      delete answer.headers[name.toLowerCase()];
    },
    // As node's: (status, headers) or (status, statusMessage, headers); the passed headers win.
    writeHead(status: number, ...rest: Array<string | OutgoingHttpHeaders | undefined>) {
      const headers = rest.find((r): r is OutgoingHttpHeaders => typeof r === "object" && r !== null) ?? {};
      answer.status = status;
      for (const [k, v] of Object.entries(headers)) answer.headers[k.toLowerCase()] = v;
      for (const [k, v] of Object.entries(ctx.answerHeaders ?? {})) answer.headers[k] = v; // as the security-headers hook does
      fake.headersSent = true;
      return res;
    },
    end(body?: string) {
      answer.body += body ?? "";
      fake.writableEnded = true;
      return res;
    },
    destroy() {
      answer.destroyed = true;
      fake.destroyed = true;
      return res;
    },
  }) as unknown as ServerResponse;
  // Typed as a route stage's context; its match is null until a test (or route-match) sets it.
  const ctx = {
    req,
    res,
    config: init.config ?? null,
    signal: new AbortController().signal,
    log: pino({ level: "silent" }),
    requestId: "req_test",
    trace: new LocalTrace(FAKE_TRACE_ID, "00f067aa0ba902b7", true),
    match: null,
    answerHeaders: null,
    secure: init.secure ?? false,
    clientGone: () => fake.destroyed,
  } as unknown as RouteContext;
  return { ctx, answer, json: () => JSON.parse(answer.body) as { error: { code: string; correlationId: string } } };
}
