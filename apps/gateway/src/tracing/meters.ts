// What happened to the spans the gateway recorded, as Prometheus series: exported, failed (the
// collector refused them or could not be reached) or dropped (the batch queue was full), and the
// queue's length. The counts are the batch span processor's own: it reports them to an
// OpenTelemetry MeterProvider, and this is a MeterProvider of just those two instruments that
// writes into the gateway's registry (the rest is the API's no-op meter).
import { createNoopMeter, type Attributes, type MeterProvider, type ObservableCallback, type ObservableResult } from "@opentelemetry/api";
import { Counter, Gauge, type Registry } from "prom-client";

/** The processor's instruments (@opentelemetry/sdk-trace's SpanProcessorMetrics, semantic conventions for SDK metrics). */
const PROCESSED = "otel.sdk.processor.span.processed";
const QUEUE_SIZE = "otel.sdk.processor.span.queue.size";

export type SpanOutcome = "exported" | "failed" | "dropped";

function outcomeOf(attributes: Attributes | undefined): SpanOutcome {
  const type = attributes?.["error.type"];
  if (type === undefined) return "exported";
  return type === "queue_full" ? "dropped" : "failed";
}

/** A MeterProvider for the batch span processor's self-observability (selfObsMeterProvider). */
export function spanProcessorMeters(registry: Registry): MeterProvider {
  const spans = new Counter({
    name: "tta_gateway_trace_spans_total",
    help: "Spans recorded for export, by what became of them: exported, failed (collector refused or unreachable), dropped (export queue full).",
    labelNames: ["outcome"],
    registers: [registry],
  });
  for (const outcome of ["exported", "failed", "dropped"] as const) spans.inc({ outcome }, 0); // present from the start: a rate() over a missing series is no alert
  const callbacks = new Set<ObservableCallback>();
  new Gauge({
    name: "tta_gateway_trace_queue_spans",
    help: "Spans waiting in the export queue.",
    registers: [registry],
    collect() {
      let total = 0;
      const result: ObservableResult = { observe: (value: number) => void (total += value) };
      for (const callback of callbacks) void callback(result);
      this.set(total);
    },
  });
  const meter = createNoopMeter();
  const noopCounter = meter.createCounter("noop");
  const noopObservable = meter.createObservableUpDownCounter("noop");
  const ours = Object.assign(Object.create(meter) as typeof meter, {
    createCounter: (name: string) => (name === PROCESSED ? { add: (value: number, attributes?: Attributes) => spans.inc({ outcome: outcomeOf(attributes) }, value) } : noopCounter),
    createObservableUpDownCounter: (name: string) =>
      name === QUEUE_SIZE ? { addCallback: (cb: ObservableCallback) => void callbacks.add(cb), removeCallback: (cb: ObservableCallback) => void callbacks.delete(cb) } : noopObservable,
  });
  return { getMeter: () => ours };
}
