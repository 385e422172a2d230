// The one place that reads process.env: parsed once with zod, and a bad value stops the start
// with a message that names the variable.
import { isIPv4, isIPv6 } from "node:net";
import { hostname } from "node:os";
import { ZRedisClusterNodes } from "@tta/domain";
import { z } from "zod";

/** Unset and empty are the same: "not configured". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** Every default of the gateway, here only: the environment's and startGateway()'s. */
export const DEFAULTS = Object.freeze({
  GATEWAY_HOST: "127.0.0.1",
  GATEWAY_PORT: 8080,
  GATEWAY_ADMIN_PORT: 8081,
  CONFIG_POLL_INTERVAL_MS: 5_000,
  LIVE_ROLLUP_INTERVAL_MS: 2_000,
  GATEWAY_MAX_HEADER_BYTES: 16_384,
  GATEWAY_KEEP_ALIVE_TIMEOUT_MS: 75_000,
  GATEWAY_HEADERS_TIMEOUT_MS: 10_000,
  GATEWAY_MAX_BODY_BYTES: 10_485_760,
  CACHE_MAX_BYTES: 67_108_864,
  GATEWAY_AGGREGATE_MAX_PART_BYTES: 1_048_576,
  COMPRESSION_BROTLI_QUALITY: 4,
  COMPRESSION_GZIP_LEVEL: 6,
  SAFETY_EVENT_QUEUE_LIMIT: 10_000,
  SHUTDOWN_TIMEOUT_MS: 10_000,
  /**
   * After SIGTERM main.ts exits (code 1) this long later whatever is left: the drain above, then up
   * to 5 s of event writes and the rest of the close. A supervisor's grace period must be longer
   * (deploy/kubernetes terminationGracePeriodSeconds, docker-compose stop_grace_period; a test checks).
   */
  SHUTDOWN_HARD_EXIT_MS: 18_000,
  CRISIS_CLASSIFIER: "builtin",
  CRISIS_CLASSIFIER_TIMEOUT_MS: 300,
  CRISIS_CONFIRM: "encoder",
  CRISIS_CONFIRM_TIMEOUT_MS: 1_000,
  WS_MAX_MESSAGE_BYTES: 65_536,
  WS_MESSAGES_PER_SECOND: 10,
  WS_MESSAGE_BURST: 30,
  WS_MAX_CONNECTIONS_PER_USER: 10,
  WS_MAX_BUFFERED_BYTES: 1_048_576,
  WS_RESUME_WINDOW_MS: 120_000,
  WS_IDLE_TIMEOUT_MS: 600_000,
  // WebSocket settings without a variable (startGateway's `websocket` option can change them):
  WS_CRISIS_RESUME_WINDOW_MS: 86_400_000,
  WS_MAX_FRAMES: 1_000,
  WS_PING_INTERVAL_MS: 30_000,
  WS_TAKEOVER_WAIT_MS: 1_000,
  WS_CONNECT_TIMEOUT_MS: 5_000,
  GATEWAY_TLS_PORT: 8443,
  GATEWAY_TLS_HTTP2: true,
  GATEWAY_HTTP_REDIRECT: false,
  // TLS settings without a variable (startGateway's `tls` option can change them):
  /** The certificate files' stat poll, beside the directory watch (fs.watch misses changes on some mounts). */
  TLS_RELOAD_POLL_MS: 10_000,
  /** Quiet time after a file event before the files are read (a cert and its key are written one after the other). */
  TLS_RELOAD_DEBOUNCE_MS: 250,
  // Tracing (the OpenTelemetry names, with the SDK's defaults where it has one):
  OTEL_SERVICE_NAME: "tta-gateway",
  OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
  OTEL_EXPORTER_OTLP_TIMEOUT: 10_000,
  OTEL_TRACES_SAMPLER_ARG: 1,
  OTEL_BSP_SCHEDULE_DELAY: 5_000,
  OTEL_BSP_MAX_QUEUE_SIZE: 2_048,
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: 512,
  OTEL_BSP_EXPORT_TIMEOUT: 30_000,
  // How long a shutdown waits for the OTLP endpoint to take the last spans (no variable).
  TRACE_FLUSH_TIMEOUT_MS: 2_000,
});

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/** 1/true/on/yes or 0/false/off/no; unset or empty = the default. */
const flag = (fallback: boolean) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? v.trim().toLowerCase() : undefined),
    z
      .enum(["1", "true", "on", "yes", "0", "false", "off", "no"], { error: "must be 1/true/on/yes or 0/false/off/no" })
      .optional()
      .transform((v) => (v === undefined ? fallback : ["1", "true", "on", "yes"].includes(v))),
  );

const absolutePath = z.string().trim().startsWith("/", "must be an absolute path");
/** IPs or CIDRs, comma-separated; empty = none. */
const ipList = () =>
  z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every(isIpOrCidr), "must be IP addresses or CIDR ranges, comma-separated");

/** OTLP over HTTP only (port 4318 of a collector); gRPC would need another exporter and HTTP/2. */
const otlpProtocol = z.enum(["http/protobuf", "http/json"], {
  error: (issue) => (issue.input === "grpc" ? "grpc is not supported: use http/protobuf or http/json (a collector's port 4318)" : "must be http/protobuf or http/json"),
});
const otlpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

export const ZEnv = z.object({
  DATABASE_URL: z
    .string({ error: "is required (a postgresql:// URL)" })
    .trim()
    .min(1, "is required (a postgresql:// URL)")
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgresql:// URL"),
  GATEWAY_HOST: z.string().trim().min(1).default(DEFAULTS.GATEWAY_HOST),
  GATEWAY_PORT: port(DEFAULTS.GATEWAY_PORT),
  GATEWAY_ADMIN_PORT: port(DEFAULTS.GATEWAY_ADMIN_PORT),
  GATEWAY_INSTANCE_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/, "letters, digits and . _ : - only")
    .default(`${hostname()}-${process.pid}`),
  CONFIG_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(DEFAULTS.CONFIG_POLL_INTERVAL_MS),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")),
  /** A Redis Cluster instead of one Redis: seed nodes, `host:port` or `redis://[user:password@]host:port`, comma-separated. */
  REDIS_CLUSTER_NODES: optional(ZRedisClusterNodes),
  REDIS_KEY_PREFIX: z.string().max(64).regex(/^[A-Za-z0-9._:{}-]*$/, "letters, digits and . _ : { } - only").default(""),
  GATEWAY_ADMIN_TOKEN: optional(z.string().min(16, "must be at least 16 characters (a long random string)")),
  GATEWAY_REGISTRATION_TOKEN: optional(z.string().min(16, "must be at least 16 characters (a long random string)")),
  GATEWAY_PUBLIC_ADMIN_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  LIVE_ROLLUP_INTERVAL_MS: z.coerce.number().int().min(250).max(60_000).default(DEFAULTS.LIVE_ROLLUP_INTERVAL_MS),
  /** Request line and headers together; more is a 431 (node's maxHeaderSize). */
  GATEWAY_MAX_HEADER_BYTES: z.coerce.number().int().min(1_024).max(1_048_576).default(DEFAULTS.GATEWAY_MAX_HEADER_BYTES),
  /**
   * How long an idle keep-alive client connection stays open. Above the idle timeouts of the
   * balancers in front (nginx 60 s upstream keepalive, cloud balancers 60 s), so that the gateway
   * never closes a socket a balancer is about to reuse (ECONNRESET).
   */
  GATEWAY_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(DEFAULTS.GATEWAY_KEEP_ALIVE_TIMEOUT_MS),
  /**
   * How long a request's line and headers may take from its first byte: slower senders (slowloris)
   * get 408 GW_REQUEST_TIMEOUT. Node counts it per request, so it may be shorter than the keep-alive.
   */
  GATEWAY_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(DEFAULTS.GATEWAY_HEADERS_TIMEOUT_MS),
  /** The request body limit of routes that set none; more is a 413. */
  GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().min(0).max(1_073_741_824).default(DEFAULTS.GATEWAY_MAX_BODY_BYTES),
  /** The in-process HTTP cache's bound in bytes (without Redis); least recently used answers go first. */
  CACHE_MAX_BYTES: z.coerce.number().int().min(1_048_576).max(17_179_869_184).default(DEFAULTS.CACHE_MAX_BYTES),
  /** An aggregation route's part: its answer (decoded) may be this long; a longer one counts as failed. */
  GATEWAY_AGGREGATE_MAX_PART_BYTES: z.coerce.number().int().min(1_024).max(67_108_864).default(DEFAULTS.GATEWAY_AGGREGATE_MAX_PART_BYTES),
  /** Routes with a compression policy: brotli's quality (0-11; higher is smaller and slower) and gzip's level (1-9). */
  COMPRESSION_BROTLI_QUALITY: z.coerce.number().int().min(0).max(11).default(DEFAULTS.COMPRESSION_BROTLI_QUALITY),
  COMPRESSION_GZIP_LEVEL: z.coerce.number().int().min(1).max(9).default(DEFAULTS.COMPRESSION_GZIP_LEVEL),
  /** Therapeutic events held in memory while Postgres is away (the last tenth is kept for crises). */
  SAFETY_EVENT_QUEUE_LIMIT: z.coerce.number().int().min(100).max(1_000_000).default(DEFAULTS.SAFETY_EVENT_QUEUE_LIMIT),
  /** The crisis classifier combined with the rules: the built-in model, an HTTP moderation endpoint, or none (rules alone). */
  CRISIS_CLASSIFIER: z.enum(["builtin", "http", "off"]).default(DEFAULTS.CRISIS_CLASSIFIER),
  /** CRISIS_CLASSIFIER=http: POST {"text"} -> {"scores": {category: 0-1}}; a timeout or error is escalated for review. */
  CRISIS_CLASSIFIER_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  CRISIS_CLASSIFIER_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(DEFAULTS.CRISIS_CLASSIFIER_TIMEOUT_MS),
  /**
   * CRISIS_CLASSIFIER=builtin: the second stage that re-reads what the n-gram model flags with a
   * sentence encoder on its own thread (fewer false alarms; ~220 MB more memory), or off.
   */
  CRISIS_CONFIRM: z.enum(["encoder", "off"]).default(DEFAULTS.CRISIS_CONFIRM),
  /** How long a flagged message waits for the second stage; past it the first stage's decision stands, for review. */
  CRISIS_CONFIRM_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(DEFAULTS.CRISIS_CONFIRM_TIMEOUT_MS),
  /** WebSocket routes: the largest client message (more closes with 1009). */
  WS_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1_024).max(16_777_216).default(DEFAULTS.WS_MAX_MESSAGE_BYTES),
  /** Client messages per second per connection, and the burst above it (more closes with 1008; a crisis passes). */
  WS_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(DEFAULTS.WS_MESSAGES_PER_SECOND),
  WS_MESSAGE_BURST: z.coerce.number().int().min(1).max(100_000).default(DEFAULTS.WS_MESSAGE_BURST),
  /** Open WebSocket connections per user (per IP on public routes) on one gateway. */
  WS_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(DEFAULTS.WS_MAX_CONNECTIONS_PER_USER),
  /** A client's send buffer plus the frames waiting for it; beyond it the client is closed with 1013, its frames kept. */
  WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(4_096).max(268_435_456).default(DEFAULTS.WS_MAX_BUFFERED_BYTES),
  /** How long a session can be resumed after its client went away (24 h with an open crisis event). */
  WS_RESUME_WINDOW_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(DEFAULTS.WS_RESUME_WINDOW_MS),
  /** A WebSocket connection with no message either way for this long is closed (1001). */
  WS_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(DEFAULTS.WS_IDLE_TIMEOUT_MS),
  /** Proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For names the client, e.g. the load balancer. */
  GATEWAY_TRUSTED_PROXIES: ipList(),
  /**
   * Peers (IPs or CIDRs; the connection's own address) whose traceparent is adopted. Anyone else's
   * starts a new trace (kept as a link on the exported span). Default none.
   */
  GATEWAY_TRACE_TRUSTED_PEERS: ipList(),
  /** "true" turns all tracing export off (traceparent is still propagated). */
  OTEL_SDK_DISABLED: optional(z.enum(["true", "false", "TRUE", "FALSE", "True", "False"], { error: "must be true or false" })),
  /** otlp (the default, when an endpoint is set) or none. */
  OTEL_TRACES_EXPORTER: optional(z.enum(["otlp", "none"], { error: "must be otlp or none" })),
  /** The collector's base URL: spans go to <it>/v1/traces. Unset (and no traces endpoint) = nothing exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(otlpUrl),
  /** The traces URL itself, used as given; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optional(otlpUrl),
  OTEL_EXPORTER_OTLP_PROTOCOL: optional(otlpProtocol),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: optional(otlpProtocol),
  /** How long one export may take, retries of a collector that is down or busy included (ms). */
  OTEL_EXPORTER_OTLP_TIMEOUT: optional(z.coerce.number().int().min(100).max(600_000)),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: optional(z.coerce.number().int().min(100).max(600_000)),
  OTEL_SERVICE_NAME: z.string().trim().min(1).max(128).default(DEFAULTS.OTEL_SERVICE_NAME),
  /** Always parent-based: a trusted caller's sampled flag stands; this picks what happens to new traces. */
  OTEL_TRACES_SAMPLER: optional(z.enum(["parentbased_traceidratio", "parentbased_always_on", "parentbased_always_off"], { error: "must be parentbased_traceidratio, parentbased_always_on or parentbased_always_off" })),
  /** The ratio of new traces sampled (0..1), with parentbased_traceidratio or no OTEL_TRACES_SAMPLER. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(DEFAULTS.OTEL_TRACES_SAMPLER_ARG),
  /** The batch span processor: ms between exports, queue bound (more spans are dropped), spans per export, ms an export may take. */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(10).max(600_000).default(DEFAULTS.OTEL_BSP_SCHEDULE_DELAY),
  OTEL_BSP_MAX_QUEUE_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULTS.OTEL_BSP_MAX_QUEUE_SIZE),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULTS.OTEL_BSP_MAX_EXPORT_BATCH_SIZE),
  OTEL_BSP_EXPORT_TIMEOUT: z.coerce.number().int().min(100).max(600_000).default(DEFAULTS.OTEL_BSP_EXPORT_TIMEOUT),
  /** The HTTPS listener's certificate (PEM, with its chain) and key: both or neither (tlsProblems); re-read when the files change. */
  GATEWAY_TLS_CERT_FILE: optional(absolutePath),
  GATEWAY_TLS_KEY_FILE: optional(absolutePath),
  /** Intermediate / CA certificates that complete the chain the HTTPS listener sends (when the cert file holds the leaf alone). */
  GATEWAY_TLS_CA_FILE: optional(absolutePath),
  GATEWAY_TLS_PORT: port(DEFAULTS.GATEWAY_TLS_PORT),
  /** Offer HTTP/2 by ALPN on the HTTPS listener (HTTP/1.1 always). */
  GATEWAY_TLS_HTTP2: flag(DEFAULTS.GATEWAY_TLS_HTTP2),
  /** The plain listener answers 308 to https:// for GET/HEAD and 403 GW_HTTPS_REQUIRED otherwise, serving nothing. */
  GATEWAY_HTTP_REDIRECT: flag(DEFAULTS.GATEWAY_HTTP_REDIRECT),
  /** The port redirects point at, when clients reach the HTTPS listener on another one (a published 443); default GATEWAY_TLS_PORT. */
  GATEWAY_HTTPS_REDIRECT_PORT: optional(z.coerce.number().int().min(1).max(65_535)),
}).superRefine((env, ctx) => {
  if (env.REDIS_URL && env.REDIS_CLUSTER_NODES) {
    ctx.addIssue({ code: "custom", path: ["REDIS_CLUSTER_NODES"], message: "set REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both" });
  }
});

/** The TLS variables that only make sense together. */
function tlsProblems(e: z.infer<typeof ZEnv>): string[] {
  const tls = e.GATEWAY_TLS_CERT_FILE !== undefined;
  const problems: string[] = [];
  if (tls && e.GATEWAY_TLS_KEY_FILE === undefined) problems.push("GATEWAY_TLS_KEY_FILE: is required with GATEWAY_TLS_CERT_FILE (the certificate's private key)");
  if (!tls && e.GATEWAY_TLS_KEY_FILE !== undefined) problems.push("GATEWAY_TLS_CERT_FILE: is required with GATEWAY_TLS_KEY_FILE (the key's certificate)");
  if (!tls && e.GATEWAY_TLS_CA_FILE !== undefined) problems.push("GATEWAY_TLS_CA_FILE: needs GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE");
  if (!tls && e.GATEWAY_HTTP_REDIRECT) problems.push("GATEWAY_HTTP_REDIRECT: needs the HTTPS listener (GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE) to redirect to");
  if (tls && e.GATEWAY_TLS_PORT !== 0 && e.GATEWAY_TLS_PORT === e.GATEWAY_PORT) problems.push("GATEWAY_TLS_PORT: must differ from GATEWAY_PORT");
  return problems;
}

function isIpOrCidr(entry: string): boolean {
  const [address = "", bits, extra] = entry.split("/");
  if (extra !== undefined) return false;
  const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : -1;
  return max > 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max));
}

/**
 * HMAC secrets for auth policies (their secretRef names the variable), read once at start-up.
 * Only variables whose name contains JWT are taken, each at least 32 bytes long: a policy cannot
 * point at DATABASE_URL, PATH or the admin token and turn a known value into a signing key.
 */
export function readJwtSecrets(source: Record<string, string | undefined>): ReadonlyMap<string, string> {
  const secrets = new Map<string, string>();
  for (const [name, value] of Object.entries(source)) {
    if (/^[A-Z][A-Z0-9_]*$/.test(name) && name.includes("JWT") && value && Buffer.byteLength(value) >= 32) secrets.set(name, value);
  }
  return secrets;
}

/**
 * The variables a service's upstream TLS settings may point at (`env:NAME`, packages/domain
 * upstream-tls.ts): those whose name contains TLS, each holding a file path. Read once at start-up.
 */
export function readTlsFileRefs(source: Record<string, string | undefined>): ReadonlyMap<string, string> {
  const refs = new Map<string, string>();
  for (const [name, value] of Object.entries(source)) {
    if (/^[A-Z][A-Z0-9_]*$/.test(name) && name.includes("TLS") && value?.trim()) refs.set(name, value.trim());
  }
  return refs;
}

export type Env = z.infer<typeof ZEnv>;

/**
 * Where spans are exported, or null: no endpoint, OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true.
 * As the OpenTelemetry specification has it, the traces endpoint is used as given and the base
 * endpoint gets v1/traces appended.
 */
export function traceExport(env: Env): { url: string; protocol: "http/protobuf" | "http/json"; timeoutMs: number } | null {
  if (env.OTEL_SDK_DISABLED?.toLowerCase() === "true" || env.OTEL_TRACES_EXPORTER === "none") return null;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base.endsWith("/") ? base : `${base}/`}v1/traces` : null);
  if (!url) return null;
  return {
    url,
    protocol: env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? DEFAULTS.OTEL_EXPORTER_OTLP_PROTOCOL,
    timeoutMs: env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? env.OTEL_EXPORTER_OTLP_TIMEOUT ?? DEFAULTS.OTEL_EXPORTER_OTLP_TIMEOUT,
  };
}

/** The ratio of new traces sampled. Unlike the SDK, OTEL_TRACES_SAMPLER_ARG alone is enough. */
export function traceSampleRatio(env: Env): number {
  if (env.OTEL_TRACES_SAMPLER === "parentbased_always_on") return 1;
  if (env.OTEL_TRACES_SAMPLER === "parentbased_always_off") return 0;
  return env.OTEL_TRACES_SAMPLER_ARG;
}

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; throws one EnvError listing every bad variable (never their values). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = ZEnv.safeParse(source);
  const lines = parsed.success ? tlsProblems(parsed.data).map((p) => `  ${p}`) : parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  if (parsed.success && lines.length === 0) return parsed.data;
  throw new EnvError(`invalid environment:\n${lines.join("\n")}`);
}

let cached: Env | undefined;

/** The process environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
