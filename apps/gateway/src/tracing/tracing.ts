// Which trace a request belongs to, decided once at the edge. A valid traceparent from a trusted
// peer (GATEWAY_TRACE_TRUSTED_PEERS, the socket's own address) is adopted: same trace id, its
// sampled flag, its tracestate. From anyone else it is not: the gateway starts a new trace and,
// when it records spans, keeps the caller's context as a link, so that an outsider can neither
// choose the trace id that lands in our logs and error answers, nor force sampling, nor graft its
// requests onto someone else's trace (Envoy treats x-request-id from outside its edge the same way).
// Either way the client's traceparent never goes upstream (each attempt sends its own,
// upstream/proxy.ts), nor does its tracestate unless the caller is trusted (then bounded).
//
// Without an OTLP endpoint no SDK object is made: ids come from a pooled random buffer, and a
// trusted caller's traceparent is passed on unchanged (the gateway stays out of the trace, as a
// proxy without a tracer does).
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { ROOT_CONTEXT, SpanKind, createTraceState, trace, type Link, type Tracer } from "@opentelemetry/api";
import type { Registry } from "prom-client";
import type { Logger } from "pino";
import { peerOf } from "../net/client-ip.ts";
import type { IpSet } from "../net/ip-set.ts";
import { startSpanExport, type ExportSettings, type SpanExport } from "./otel-export.ts";
import { newTraceAndSpanId } from "./random-ids.ts";
import { RecordedTrace } from "./recorded-trace.ts";
import { LocalTrace, type RequestTrace } from "./request-trace.ts";
import { sampledAtRatio } from "./sampling.ts";
import { requestAttributes, spanMethod } from "./span-attributes.ts";
import { boundTracestate, parseTraceparent, type RemoteParent } from "./trace-context.ts";

export interface TracingSettings {
  /** Where spans go; null = nothing is exported (traceparent is still propagated). */
  export: Omit<ExportSettings, "sampleRatio" | "instanceId"> | null;
  instanceId: string;
  /** New traces sampled (0..1), parent-based: a trusted caller's flag stands. */
  sampleRatio: number;
  /** Peers whose traceparent is adopted (null = none). */
  trustedPeers: IpSet | null;
}

export interface Tracing {
  /** Spans are exported (an OTLP endpoint is configured). */
  readonly exporting: boolean;
  /** The request's trace. The client's traceparent is replaced by the gateway's, its tracestate dropped (a trusted one kept, bounded). */
  start(req: IncomingMessage): RequestTrace;
  /** Flushes the spans still queued, waiting at most timeoutMs. */
  close(timeoutMs: number): Promise<void>;
}

const TRUSTED = Symbol("tta.traceTrusted");
type WithTrust = Socket & { [TRUSTED]?: boolean };

/** Whether the connection's peer is trusted: computed on its first traced request, kept on the socket. */
function trustedPeer(socket: Socket, peers: IpSet | null): boolean {
  if (!peers) return false;
  const s = socket as WithTrust;
  return (s[TRUSTED] ??= peers.has(peerOf(socket)));
}

/** How a trace is started once the headers are settled: locally, or through the SDK. */
interface Starter {
  /** A trace the gateway starts; `untrusted` is a valid context from a peer that is not trusted. */
  root(req: IncomingMessage, untrusted: RemoteParent | null): RequestTrace;
  /** A trusted caller's trace. */
  child(req: IncomingMessage, parent: RemoteParent, tracestate: string | null): RequestTrace;
}

function localStarter(sampleRatio: number): Starter {
  return {
    root() {
      const ids = newTraceAndSpanId();
      const traceId = ids.slice(0, 32);
      return new LocalTrace(traceId, ids.slice(32), sampledAtRatio(traceId, sampleRatio));
    },
    child: (_req, parent) => new LocalTrace(parent.traceId, parent.spanId, parent.sampled),
  };
}

const UNTRUSTED_LINK = { "tta.trace.untrusted_parent": true };

function sdkStarter(tracer: Tracer): Starter {
  const start = (req: IncomingMessage, parentContext: typeof ROOT_CONTEXT, links: Link[] | undefined, passThrough: RemoteParent | null): RequestTrace => {
    // The attributes go on after the sampling decision: an unsampled request does not pay for the path's PII masking.
    const span = tracer.startSpan(spanMethod(req.method), { kind: SpanKind.SERVER, links }, parentContext);
    if (span.isRecording()) return new RecordedTrace(tracer, span.setAttributes(requestAttributes(req.method, req.url)), req.method);
    // Not sampled: nothing to record, so nothing but ids (a caller's unsampled trace passes through unchanged).
    const { traceId, spanId } = span.spanContext();
    return passThrough ? new LocalTrace(passThrough.traceId, passThrough.spanId, false) : new LocalTrace(traceId, spanId, false);
  };
  return {
    root(req, untrusted) {
      const links = untrusted ? [{ context: { traceId: untrusted.traceId, spanId: untrusted.spanId, traceFlags: untrusted.sampled ? 1 : 0, isRemote: true }, attributes: UNTRUSTED_LINK }] : undefined;
      return start(req, ROOT_CONTEXT, links, null);
    },
    child(req, parent, tracestate) {
      const context = trace.setSpanContext(ROOT_CONTEXT, {
        traceId: parent.traceId,
        spanId: parent.spanId,
        traceFlags: parent.sampled ? 1 : 0,
        isRemote: true,
        ...(tracestate ? { traceState: createTraceState(tracestate) } : {}),
      });
      return start(req, context, undefined, parent);
    },
  };
}

export function createTracing(settings: TracingSettings, registry: Registry, log: Logger): Tracing {
  const exporter: SpanExport | null = settings.export ? startSpanExport({ ...settings.export, sampleRatio: settings.sampleRatio, instanceId: settings.instanceId }, registry, log) : null;
  const starter = exporter ? sdkStarter(exporter.tracer) : localStarter(settings.sampleRatio);
  const { trustedPeers } = settings;
  return {
    exporting: exporter !== null,
    start(req) {
      const { headers } = req;
      const incoming = headers.traceparent;
      const state = headers.tracestate;
      if (incoming === undefined) {
        if (state !== undefined) delete headers.tracestate;
        return starter.root(req, null);
      }
      const parent = parseTraceparent(incoming); // invalid: as if absent, and nothing of it is kept
      const trusted = parent !== null && trustedPeer(req.socket, trustedPeers);
      const tracestate = trusted ? boundTracestate(state) : null;
      const trace = trusted ? starter.child(req, parent, tracestate) : starter.root(req, parent);
      // Overwritten, not deleted (a delete turns the headers into a slower dictionary): the proxy
      // sets each attempt's own, and whatever else copies the headers upstream sends the gateway's.
      headers.traceparent = trace.traceparent;
      if (tracestate) headers.tracestate = tracestate;
      else if (state !== undefined) delete headers.tracestate;
      return trace;
    },
    close: (timeoutMs) => exporter?.close(timeoutMs) ?? Promise.resolve(),
  };
}
