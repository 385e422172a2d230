// What a route stage may do with the upstream's answer before the client gets it (the cache: store
// it as it streams, or answer from what it has when the upstream says 304 or fails), and with an
// attempt that failed before any answer. Set on the context by that stage; the exchange and the
// upstream stage call it.
import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import type { Transform } from "node:stream";

declare module "../pipeline/context.ts" {
  interface RouteContext {
    /** Sees the upstream's answer (status and end-to-end headers, after PII masking edited them) before the client does. */
    upstreamAnswer?: UpstreamAnswerHook;
    /** Called when no attempt got an answer; true = the client was answered (a stale answer), no error goes out. */
    upstreamFailed?: () => boolean;
  }
}

/** "relay": the answer goes to the client, through `capture` last when given; "answered": the hook answered the client itself and the upstream body is drained. */
export type AnswerDecision = { kind: "relay"; capture: Transform | null } | { kind: "answered" };

export type UpstreamAnswerHook = (status: number, headers: OutgoingHttpHeaders, upstream: IncomingMessage) => AnswerDecision;
