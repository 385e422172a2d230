import { test } from "node:test";
import assert from "node:assert/strict";
import { parseEnv, traceExport, traceSampleRatio } from "./env.ts";

const base = { DATABASE_URL: "postgres://x@h/db" };

test("tracing: nothing is exported without an endpoint; the defaults are the SDK's", () => {
  const env = parseEnv(base);
  assert.equal(traceExport(env), null);
  assert.equal(env.OTEL_SERVICE_NAME, "tta-gateway");
  assert.equal(traceSampleRatio(env), 1);
  assert.deepEqual(env.GATEWAY_TRACE_TRUSTED_PEERS, []);
  assert.deepEqual([env.OTEL_BSP_SCHEDULE_DELAY, env.OTEL_BSP_MAX_QUEUE_SIZE, env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE, env.OTEL_BSP_EXPORT_TIMEOUT], [5000, 2048, 512, 30000]);
});

test("tracing: the base endpoint gets v1/traces, the traces endpoint is used as given and wins", () => {
  assert.deepEqual(traceExport(parseEnv({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })), { url: "http://collector:4318/v1/traces", protocol: "http/protobuf", timeoutMs: 10_000 });
  assert.deepEqual(traceExport(parseEnv({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/otlp/" }))?.url, "http://collector:4318/otlp/v1/traces");
  const both = parseEnv({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://b.example/traces", OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" });
  assert.deepEqual(traceExport(both), { url: "https://b.example/traces", protocol: "http/json", timeoutMs: 10_000 });
  assert.equal(traceExport(parseEnv({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_TIMEOUT: "3000", OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: "500" }))?.timeoutMs, 500);
  const specific = parseEnv({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/protobuf" });
  assert.equal(traceExport(specific)?.protocol, "http/protobuf");
});

test("tracing: OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none turn export off", () => {
  const endpoint = { ...base, OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" };
  assert.equal(traceExport(parseEnv({ ...endpoint, OTEL_SDK_DISABLED: "true" })), null);
  assert.equal(traceExport(parseEnv({ ...endpoint, OTEL_TRACES_EXPORTER: "none" })), null);
  assert.notEqual(traceExport(parseEnv({ ...endpoint, OTEL_SDK_DISABLED: "false", OTEL_TRACES_EXPORTER: "otlp" })), null);
});

test("tracing: sampling is parent-based; the ratio alone applies, the named samplers override it", () => {
  assert.equal(traceSampleRatio(parseEnv({ ...base, OTEL_TRACES_SAMPLER_ARG: "0.25" })), 0.25);
  assert.equal(traceSampleRatio(parseEnv({ ...base, OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.1" })), 0.1);
  assert.equal(traceSampleRatio(parseEnv({ ...base, OTEL_TRACES_SAMPLER: "parentbased_always_off", OTEL_TRACES_SAMPLER_ARG: "0.5" })), 0);
  assert.equal(traceSampleRatio(parseEnv({ ...base, OTEL_TRACES_SAMPLER: "parentbased_always_on", OTEL_TRACES_SAMPLER_ARG: "0" })), 1);
});

test("tracing: bad values stop the start with the variable named", () => {
  assert.throws(() => parseEnv({ ...base, OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" }), /OTEL_EXPORTER_OTLP_PROTOCOL: grpc is not supported/);
  assert.throws(() => parseEnv({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }), /OTEL_EXPORTER_OTLP_ENDPOINT: must be an http\(s\) URL/);
  assert.throws(() => parseEnv({ ...base, OTEL_TRACES_SAMPLER: "always_on" }), /OTEL_TRACES_SAMPLER/);
  assert.throws(() => parseEnv({ ...base, OTEL_TRACES_SAMPLER_ARG: "1.5" }), /OTEL_TRACES_SAMPLER_ARG/);
  assert.throws(() => parseEnv({ ...base, GATEWAY_TRACE_TRUSTED_PEERS: "10.0.0.0/40" }), /GATEWAY_TRACE_TRUSTED_PEERS/);
  assert.deepEqual(parseEnv({ ...base, GATEWAY_TRACE_TRUSTED_PEERS: "10.1.0.0/16, ::1" }).GATEWAY_TRACE_TRUSTED_PEERS, ["10.1.0.0/16", "::1"]);
});
