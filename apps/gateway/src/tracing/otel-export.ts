// The OpenTelemetry SDK, set up only when an OTLP endpoint is configured: a tracer provider that is
// never registered globally (several gateways can live in one process), parent-based sampling with
// the ratio for new traces, ids from the gateway's pool, and a batch span processor in front of an
// OTLP/HTTP exporter (protobuf or JSON). Requests never wait on the collector: ended spans go into a
// bounded queue and are sent in the background; when the collector is down they are dropped and
// counted, and the outage is logged once. No auto-instrumentation: the gateway makes its spans itself.
import type { Tracer } from "@opentelemetry/api";
import { ExportResultCode } from "@opentelemetry/core";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtobufTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider, type SpanExporter } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_INSTANCE_ID, ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { Registry } from "prom-client";
import type { Logger } from "pino";
import { spanProcessorMeters } from "./meters.ts";
import { POOLED_IDS } from "./random-ids.ts";

export type OtlpProtocol = "http/protobuf" | "http/json";

export interface ExportSettings {
  /** The traces URL itself (…/v1/traces). */
  url: string;
  protocol: OtlpProtocol;
  /** How long one export may take, the exporter's retries included. */
  timeoutMs: number;
  serviceName: string;
  instanceId: string;
  /** New traces sampled (0..1); a trusted caller's decision stands. */
  sampleRatio: number;
  /** OTEL_BSP_*: how the batch span processor queues and sends. */
  batch: { delayMs: number; maxQueueSize: number; maxBatchSize: number; exportTimeoutMs: number };
}

export interface SpanExport {
  readonly tracer: Tracer;
  /** Sends what is queued, waiting at most timeoutMs (a collector that is down does not hold up a shutdown). */
  close(timeoutMs: number): Promise<void>;
}

/** Logs the first failed export of an outage and the first success after it: once each, not per batch. */
function reportingOutages(exporter: SpanExporter, url: string, log: Logger): SpanExporter {
  let down = false;
  return {
    export(spans, done) {
      exporter.export(spans, (result) => {
        if (result.code !== ExportResultCode.SUCCESS && !down) {
          down = true;
          log.warn({ err: result.error, url, spans: spans.length }, "spans could not be sent to the OTLP endpoint; they are dropped until it takes them again (tta_gateway_trace_spans_total)");
        } else if (result.code === ExportResultCode.SUCCESS && down) {
          down = false;
          log.info({ url }, "the OTLP endpoint takes spans again");
        }
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

export function startSpanExport(settings: ExportSettings, registry: Registry, log: Logger): SpanExport {
  // The exporters also read the SDK's own OTEL_EXPORTER_OTLP_HEADERS, _COMPRESSION and _CERTIFICATE
  // variables (collector credentials, TLS) themselves; what is passed here wins over them.
  const config = { url: settings.url, timeoutMillis: settings.timeoutMs };
  const inner = settings.protocol === "http/json" ? new JsonTraceExporter(config) : new ProtobufTraceExporter(config);
  const { batch } = settings;
  const processor = new BatchSpanProcessor({
    exporter: reportingOutages(inner, settings.url, log),
    scheduledDelayMillis: batch.delayMs,
    maxQueueSize: batch.maxQueueSize,
    maxExportBatchSize: Math.min(batch.maxBatchSize, batch.maxQueueSize),
    exportTimeoutMillis: batch.exportTimeoutMs,
    selfObsMeterProvider: spanProcessorMeters(registry),
  });
  const provider = new TracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName, [ATTR_SERVICE_INSTANCE_ID]: settings.instanceId })), // + telemetry.sdk.*
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
    idGenerator: POOLED_IDS,
    spanProcessors: [processor],
    // A masked path is the longest value the gateway sets; links are at most the one untrusted caller's.
    spanLimits: { attributeValueLengthLimit: 2_048, attributeCountLimit: 64, linkCountLimit: 4 },
  });
  return {
    tracer: provider.getTracer("tta-gateway"),
    async close(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), timeoutMs)));
      const flushed = provider.shutdown().then(
        () => "flushed" as const,
        (error: unknown) => (log.warn({ err: error }, "the last spans could not be sent to the OTLP endpoint at shutdown"), "failed" as const),
      );
      if ((await Promise.race([flushed, deadline])) === "late") log.warn({ timeoutMs }, "the OTLP endpoint did not take the last spans before the shutdown deadline");
      clearTimeout(timer);
    },
  };
}
