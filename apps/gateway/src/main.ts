// env -> services -> pipeline -> listen (startGateway), then wait for SIGINT/SIGTERM.
import { DEFAULTS, env, EnvError, readJwtSecrets, readTlsFileRefs, traceExport, traceSampleRatio } from "./env.ts";
import { startGateway } from "./gateway.ts";
import { createLogger } from "./logger.ts";

let config;
try {
  config = env();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  process.stderr.write(`tta-gateway: ${error.message}\n`);
  process.exit(1);
}

const logger = createLogger({ level: config.LOG_LEVEL, instanceId: config.GATEWAY_INSTANCE_ID });
const gateway = await startGateway({
  databaseUrl: config.DATABASE_URL,
  host: config.GATEWAY_HOST,
  port: config.GATEWAY_PORT,
  adminPort: config.GATEWAY_ADMIN_PORT,
  instanceId: config.GATEWAY_INSTANCE_ID,
  pollIntervalMs: config.CONFIG_POLL_INTERVAL_MS,
  shutdownTimeoutMs: DEFAULTS.SHUTDOWN_TIMEOUT_MS,
  logger,
  redisUrl: config.REDIS_URL,
  redisCluster: config.REDIS_CLUSTER_NODES,
  redisKeyPrefix: config.REDIS_KEY_PREFIX,
  adminToken: config.GATEWAY_ADMIN_TOKEN,
  registrationToken: config.GATEWAY_REGISTRATION_TOKEN,
  publicAdminUrl: config.GATEWAY_PUBLIC_ADMIN_URL,
  rollupIntervalMs: config.LIVE_ROLLUP_INTERVAL_MS,
  jwtSecrets: readJwtSecrets(process.env),
  maxHeaderBytes: config.GATEWAY_MAX_HEADER_BYTES,
  keepAliveTimeoutMs: config.GATEWAY_KEEP_ALIVE_TIMEOUT_MS,
  headersTimeoutMs: config.GATEWAY_HEADERS_TIMEOUT_MS,
  maxBodyBytes: config.GATEWAY_MAX_BODY_BYTES,
  cacheMaxBytes: config.CACHE_MAX_BYTES,
  aggregateMaxPartBytes: config.GATEWAY_AGGREGATE_MAX_PART_BYTES,
  compression: { brotliQuality: config.COMPRESSION_BROTLI_QUALITY, gzipLevel: config.COMPRESSION_GZIP_LEVEL },
  trustedProxies: config.GATEWAY_TRUSTED_PROXIES,
  tls:
    config.GATEWAY_TLS_CERT_FILE && config.GATEWAY_TLS_KEY_FILE
      ? {
          certFile: config.GATEWAY_TLS_CERT_FILE,
          keyFile: config.GATEWAY_TLS_KEY_FILE,
          caFile: config.GATEWAY_TLS_CA_FILE,
          port: config.GATEWAY_TLS_PORT,
          http2: config.GATEWAY_TLS_HTTP2,
          redirectHttp: config.GATEWAY_HTTP_REDIRECT,
          redirectPort: config.GATEWAY_HTTPS_REDIRECT_PORT,
        }
      : undefined,
  upstreamTlsRefs: readTlsFileRefs(process.env),
  events: { queueLimit: config.SAFETY_EVENT_QUEUE_LIMIT },
  websocket: {
    maxMessageBytes: config.WS_MAX_MESSAGE_BYTES,
    messagesPerSecond: config.WS_MESSAGES_PER_SECOND,
    messageBurst: config.WS_MESSAGE_BURST,
    maxConnectionsPerSubject: config.WS_MAX_CONNECTIONS_PER_USER,
    maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
    resumeWindowMs: config.WS_RESUME_WINDOW_MS,
    idleTimeoutMs: config.WS_IDLE_TIMEOUT_MS,
  },
  tracing: {
    export: traceExport(config),
    serviceName: config.OTEL_SERVICE_NAME,
    sampleRatio: traceSampleRatio(config),
    trustedPeers: config.GATEWAY_TRACE_TRUSTED_PEERS,
    batch: { delayMs: config.OTEL_BSP_SCHEDULE_DELAY, maxQueueSize: config.OTEL_BSP_MAX_QUEUE_SIZE, maxBatchSize: config.OTEL_BSP_MAX_EXPORT_BATCH_SIZE, exportTimeoutMs: config.OTEL_BSP_EXPORT_TIMEOUT },
  },
  crisisClassifier: { kind: config.CRISIS_CLASSIFIER, url: config.CRISIS_CLASSIFIER_URL, timeoutMs: config.CRISIS_CLASSIFIER_TIMEOUT_MS, confirm: config.CRISIS_CONFIRM, confirmTimeoutMs: config.CRISIS_CONFIRM_TIMEOUT_MS },
}).catch((error: unknown) => {
  logger.fatal({ err: error }, "gateway failed to start");
  process.exit(1);
});

process.stdout.write(`tta-gateway ${gateway.instanceId}: proxy ${gateway.url}${gateway.tlsUrl ? `  https ${gateway.tlsUrl}` : ""}  admin ${gateway.adminUrl}\n`);

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  // The terminal's Ctrl-C and the supervisor's SIGTERM can both arrive: one shutdown.
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  setTimeout(() => process.exit(1), DEFAULTS.SHUTDOWN_HARD_EXIT_MS).unref(); // drain, then up to 5 s of event writes
  gateway.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
