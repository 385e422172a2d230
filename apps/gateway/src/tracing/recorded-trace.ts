// A request whose spans are recorded and exported: its server span (made by the SDK when the
// request started), a client span per upstream attempt as its child, each attempt's traceparent
// naming that attempt's span, so that the upstream's own span hangs under the right attempt.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from "@opentelemetry/api";
import type { AttemptEnd, AttemptSpan, RequestEnd, RequestTrace } from "./request-trace.ts";
import { attemptAttributes, attemptEndAttributes, attemptSpanName, requestEndAttributes, serverSpanName } from "./span-attributes.ts";
import { formatTraceparent } from "./trace-context.ts";

class RecordedAttempt implements AttemptSpan {
  readonly traceparent: string;

  constructor(
    private readonly span: Span,
    traceId: string,
  ) {
    this.traceparent = formatTraceparent(traceId, span.spanContext().spanId, true);
  }

  end(result: AttemptEnd): void {
    const { attributes, error } = attemptEndAttributes(result);
    this.span.setAttributes(attributes);
    if (error) this.span.setStatus({ code: SpanStatusCode.ERROR });
    this.span.end();
  }
}

export class RecordedTrace implements RequestTrace {
  readonly recording = true;
  readonly traceId: string;
  readonly traceparent: string;
  private readonly parent: Context;
  private attempts = 0;
  private ended = false;

  constructor(
    private readonly tracer: Tracer,
    private readonly span: Span,
    private readonly method: string | undefined,
  ) {
    const { traceId, spanId } = span.spanContext();
    this.traceId = traceId;
    this.traceparent = formatTraceparent(traceId, spanId, true);
    this.parent = trace.setSpan(ROOT_CONTEXT, span);
  }

  attempt(number: number, service: string, method: string): AttemptSpan {
    this.attempts = Math.max(this.attempts, number);
    const span = this.tracer.startSpan(attemptSpanName(method, service), { kind: SpanKind.CLIENT, attributes: attemptAttributes(number, method) }, this.parent);
    return new RecordedAttempt(span, this.traceId);
  }

  end(result: RequestEnd): void {
    if (this.ended) return;
    this.ended = true;
    const { attributes, error } = requestEndAttributes(result, this.attempts);
    this.span.updateName(serverSpanName(this.method, result.route));
    this.span.setAttributes(attributes);
    if (error) this.span.setStatus({ code: SpanStatusCode.ERROR });
    this.span.end();
  }
}
