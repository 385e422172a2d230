// A loopback OTLP/HTTP trace receiver (what an OpenTelemetry collector's port 4318 does for
// traces): POST /v1/traces, OTLP/JSON bodies decoded into flat spans, protobuf bodies kept raw.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** 2 = server, 3 = client (OTLP's SpanKind). */
  kind: number;
  /** 0 unset, 1 ok, 2 error. */
  status: number;
  attributes: Record<string, string | number | boolean>;
  links: Array<{ traceId: string; spanId: string; attributes: Record<string, string | number | boolean> }>;
  /** The resource's attributes (service.name…). */
  resource: Record<string, string | number | boolean>;
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };

function flat(attributes: OtlpAttribute[] | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const { key, value } of attributes ?? []) out[key] = value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.boolValue ?? value.doubleValue ?? "";
  return out;
}

export interface OtlpReceiver {
  url: string;
  /** The traces endpoint (url + /v1/traces). */
  tracesUrl: string;
  spans: ReceivedSpan[];
  /** Every POST: its content type and raw body. */
  posts: Array<{ contentType: string; body: Buffer }>;
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const posts: OtlpReceiver["posts"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/traces") return void res.writeHead(404).end();
      const body = Buffer.concat(chunks);
      const contentType = String(req.headers["content-type"] ?? "");
      posts.push({ contentType, body });
      if (contentType.startsWith("application/json")) {
        const request = JSON.parse(body.toString("utf8"));
        for (const rs of request.resourceSpans ?? []) {
          const resource = flat(rs.resource?.attributes);
          for (const ss of rs.scopeSpans ?? [])
            for (const s of ss.spans ?? [])
              spans.push({
                traceId: s.traceId,
                spanId: s.spanId,
                parentSpanId: s.parentSpanId ?? "",
                name: s.name,
                kind: s.kind,
                status: s.status?.code ?? 0,
                attributes: flat(s.attributes),
                links: (s.links ?? []).map((l: { traceId: string; spanId: string; attributes?: OtlpAttribute[] }) => ({ traceId: l.traceId, spanId: l.spanId, attributes: flat(l.attributes) })),
                resource,
              });
        }
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      } else res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tracesUrl: `${url}/v1/traces`,
    spans,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
