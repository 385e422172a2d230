// Builds one gateway: services (config follower, Redis when configured, metrics, live events,
// upstream agents and proxy) -> pipeline -> the proxy listeners (plain HTTP, and HTTPS when a
// certificate is configured) and the admin listener. Used by main.ts, by the standalone start
// script and by tests.
import { hostname } from "node:os";
import { createDb, EVENT_ACTIONS, EVENT_ENTITY, recordTherapeuticEvents, writeAudit } from "@tta/db";
import type { TRedisClusterTarget } from "@tta/domain";
import type { CrisisClassifier } from "@tta/safety";
import type { Logger } from "pino";
import { createJwksCache, type JwksOptions } from "./auth/jwks-cache.ts";
import { adminToken } from "./admin/admin-token.ts";
import { createAdminHandler } from "./admin/admin-server.ts";
import { breakersEndpoint } from "./admin/breakers-endpoint.ts";
import { classifyEndpoint } from "./admin/classify-endpoint.ts";
import { liveEventsEndpoint } from "./admin/live-events-endpoint.ts";
import { liveStateEndpoint } from "./admin/live-state-endpoint.ts";
import { liveTrafficEndpoint } from "./admin/live-traffic-endpoint.ts";
import { metricsEndpoint } from "./admin/metrics-endpoint.ts";
import { registrationEndpoint } from "./admin/registration-endpoint.ts";
import { wsEndpoint } from "./admin/ws-endpoint.ts";
import { cacheEndpoint } from "./admin/cache-endpoint.ts";
import { registrationToken } from "./admin/registration-token.ts";
import type { CompiledConfig } from "./config/compiled.ts";
import { startConfigFollower } from "./config/config-follower.ts";
import type { LiveSink, UpstreamObserver, UpstreamStateSource } from "./live/contracts.ts";
import { createLiveTransport } from "./live/create-transport.ts";
import { createLiveService } from "./live/live-service.ts";
import { TrafficWindow } from "./live/rollup/traffic-window.ts";
import { createEventService } from "./events/event-service.ts";
import { redisEventNotifier } from "./events/redis-notifier.ts";
import { createLogger } from "./logger.ts";
import { ipSet } from "./net/ip-set.ts";
import { createGatewayMetrics } from "./metrics/gateway-metrics.ts";
import { createPipeline } from "./pipeline/order.ts";
import { createDrainingServer } from "./server/draining-server.ts";
import { startProxyListeners, type ProxyListeners } from "./server/proxy-listeners.ts";
import { CloseStack } from "./lifecycle/close-stack.ts";
import { DEFAULTS } from "./env.ts";
import { AdaptiveLimits } from "./limits/adaptive.ts";
import { GuardedLimiter } from "./limits/guarded-limiter.ts";
import { createLocalForcedBreakers } from "./stores/forced-breakers/local.ts";
import { createRedisForcedBreakers } from "./stores/forced-breakers/redis.ts";
import { createLocalRateLimitStore } from "./stores/rate-limit/local.ts";
import { createRedisRateLimitStore } from "./stores/rate-limit/redis.ts";
import { connectRedis } from "./stores/redis/connection.ts";
import { createLocalRegistry } from "./stores/registry/local.ts";
import { createRedisRegistry } from "./stores/registry/redis.ts";
import { createAgents } from "./upstream/agents.ts";
import { ServiceTlsSync } from "./upstream/service-tls-sync.ts";
import { backgroundFetcher } from "./upstream/background-fetch.ts";
import { Coalescer } from "./http-cache/coalesce.ts";
import { createCacheMeters } from "./http-cache/meters.ts";
import type { EncoderSettings } from "./compression/encoder.ts";
import { createCompressionMeters } from "./compression/meters.ts";
import { createLocalHttpCacheStore } from "./stores/http-cache/local.ts";
import { CLUSTER_CACHE_SHARDS, createRedisHttpCacheStore } from "./stores/http-cache/redis.ts";
import { attemptChain, collectChain } from "./upstream/attempt/order.ts";
import { startDiscovery } from "./upstream/discovery/discovery.ts";
import { startForcedSync } from "./upstream/discovery/forced-sync.ts";
import { UpstreamPools } from "./upstream/pool/upstream-pools.ts";
import { createForward } from "./upstream/proxy.ts";
import { crisisGate } from "./safety/crisis-gate.ts";
import { buildClassifier, type ClassifierOptions } from "./safety/classifier.ts";
import { createRequestScanner } from "./safety/request-scan.ts";
import { createLocalWsBus } from "./stores/ws-bus/local.ts";
import { createRedisWsBus } from "./stores/ws-bus/redis.ts";
import { createLocalSessionStore } from "./stores/ws-sessions/local.ts";
import { createRedisSessionStore } from "./stores/ws-sessions/redis.ts";
import { WsManager } from "./websocket/manager.ts";
import type { WsSettings } from "./websocket/settings.ts";
import { createWsMeters } from "./websocket/meters.ts";
import type { OtlpProtocol } from "./tracing/otel-export.ts";
import { createTracing, type TracingSettings } from "./tracing/tracing.ts";

export interface GatewayOptions {
  databaseUrl: string;
  host?: string; // default 127.0.0.1
  port?: number; // default 8080; 0 = any free port
  adminPort?: number; // default 8081; 0 = any free port
  instanceId?: string; // default hostname-pid
  pollIntervalMs?: number; // default 5000
  logger?: Logger; // default: pino at info
  shutdownTimeoutMs?: number; // default 10000: in-flight requests get this long on close()
  /** REDIS_URL: shared state and live events through Redis (cluster mode); unset = in-process. */
  redisUrl?: string;
  /** REDIS_CLUSTER_NODES: the same through a Redis Cluster (seed nodes, credentials, TLS); instead of redisUrl. */
  redisCluster?: TRedisClusterTarget;
  /** REDIS_KEY_PREFIX: in front of every Redis key and channel (default ""). */
  redisKeyPrefix?: string;
  /** GATEWAY_ADMIN_TOKEN: Bearer token of the admin API's mutations (and live reads when set). */
  adminToken?: string;
  /** GATEWAY_PUBLIC_ADMIN_URL: the admin URL advertised in heartbeats (default: the admin listener's). */
  publicAdminUrl?: string;
  /** LIVE_ROLLUP_INTERVAL_MS: traffic roll-up window (default 2000). */
  rollupIntervalMs?: number;
  heartbeatIntervalMs?: number; // default 1000
  /** Also receives every live event (tests, embedders). */
  live?: LiveSink;
  /** Also receives every upstream attempt observation (tests, embedders). */
  observer?: UpstreamObserver;
  /** GATEWAY_REGISTRATION_TOKEN: Bearer token of /registry/instances; unset = registration off (503). */
  registrationToken?: string;
  /** How often registered instances are re-read from the registry, in the background (default 30000). */
  discoveryRefreshMs?: number;
  /** How often operators' forced breaker states are re-read from the shared store (default 5000). */
  forcedBreakerSyncMs?: number;
  /** HMAC secrets of auth policies by variable name (env.ts readJwtSecrets); default none. */
  jwtSecrets?: ReadonlyMap<string, string>;
  /** Remote JWKS fetching (cooldown between fetches of one URL 30 s, keys kept 10 min, timeout 5 s). */
  jwks?: JwksOptions;
  /** GATEWAY_MAX_HEADER_BYTES: request line and headers; more is a 431 (default 16384). */
  maxHeaderBytes?: number;
  /** GATEWAY_KEEP_ALIVE_TIMEOUT_MS: idle keep-alive client connections are closed after this (default 75000). */
  keepAliveTimeoutMs?: number;
  /** GATEWAY_HEADERS_TIMEOUT_MS: a request's headers must arrive within this, else 408 (default 10000). */
  headersTimeoutMs?: number;
  /** GATEWAY_MAX_BODY_BYTES: body limit of routes that set none (default 10 MiB). */
  maxBodyBytes?: number;
  /** GATEWAY_TRUSTED_PROXIES: IPs/CIDRs whose X-Forwarded-For names the client (default none). */
  trustedProxies?: readonly string[];
  /** How long a rate-limit decision may wait for Redis before the policy's failMode applies (default 250). */
  rateLimitTimeoutMs?: number;
  /** Therapeutic events (issue 5): where and how they are written. */
  events?: EventOptions;
  /** CRISIS_CLASSIFIER*: the classifier combined with the rules (default the built-in model), or a ready one (tests, embedders). */
  crisisClassifier?: ClassifierOptions | CrisisClassifier;
  /** WS_*: WebSocket limits, resume windows and heartbeats (websocket/settings.ts, defaults in env.ts). */
  websocket?: Partial<WsSettings>;
  /** CACHE_MAX_BYTES: the in-process HTTP cache's bound, when there is no Redis (default 64 MiB). */
  cacheMaxBytes?: number;
  /** GATEWAY_AGGREGATE_MAX_PART_BYTES: the longest answer of one aggregation part, decoded (default 1 MiB). */
  aggregateMaxPartBytes?: number;
  /** COMPRESSION_BROTLI_QUALITY and COMPRESSION_GZIP_LEVEL: the encoders of routes with a compression policy (default 4 and 6). */
  compression?: EncoderSettings;
  /** GATEWAY_TLS_*: the HTTPS listener; unset = plain HTTP only. */
  tls?: GatewayTlsOptions;
  /** The variables services' upstream TLS settings may name as env:NAME (env.ts readTlsFileRefs); default none. */
  upstreamTlsRefs?: ReadonlyMap<string, string>;
  /** How TLS files (the listener's, services') are watched: stat poll and debounce (default 10000 / 250). */
  tlsReload?: { pollMs?: number; debounceMs?: number };
  /** OTEL_* and GATEWAY_TRACE_TRUSTED_PEERS: trace propagation (always on) and span export (with an endpoint). */
  tracing?: TracingOptions;
}


export interface GatewayTlsOptions {
  /** GATEWAY_TLS_CERT_FILE / _KEY_FILE / _CA_FILE: PEM files, re-read when they change. */
  certFile: string;
  keyFile: string;
  caFile?: string;
  /** GATEWAY_TLS_PORT: default 8443; 0 = any free port. */
  port?: number;
  /** GATEWAY_TLS_HTTP2: offer h2 by ALPN (default true). */
  http2?: boolean;
  /** GATEWAY_HTTP_REDIRECT: the plain listener only redirects to HTTPS (default false). */
  redirectHttp?: boolean;
  /** GATEWAY_HTTPS_REDIRECT_PORT: the port redirects name (default the HTTPS listener's). */
  redirectPort?: number;
}


export interface TracingOptions {
  /** Where spans go (env.ts traceExport); absent = nothing is exported, traceparent is still propagated. */
  export?: { url: string; protocol: OtlpProtocol; timeoutMs?: number } | null;
  /** OTEL_SERVICE_NAME (default tta-gateway). */
  serviceName?: string;
  /** OTEL_TRACES_SAMPLER(_ARG): the ratio of new traces sampled, parent-based (default 1). */
  sampleRatio?: number;
  /** GATEWAY_TRACE_TRUSTED_PEERS: IPs/CIDRs whose traceparent is adopted (default none). */
  trustedPeers?: readonly string[];
  /** OTEL_BSP_*: the batch span processor (defaults in env.ts). */
  batch?: { delayMs?: number; maxQueueSize?: number; maxBatchSize?: number; exportTimeoutMs?: number };
  /** How long close() waits for the OTLP endpoint to take the last spans (default 2000). */
  flushTimeoutMs?: number;
}

export interface EventOptions {
  /** The database events are written to (default: databaseUrl). */
  databaseUrl?: string;
  /** SAFETY_EVENT_QUEUE_LIMIT: events held in memory while Postgres is away (default 10,000). */
  queueLimit?: number;
  /** How long close() keeps writing queued events (default 5000). */
  flushTimeoutMs?: number;
  /** Delay before a failed batch is tried again: base, doubling up to max (default 200 / 5000). */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface Gateway {
  url: string;
  /** The HTTPS listener's URL and port, when TLS is configured. */
  tlsUrl: string | null;
  tlsPort: number | null;
  adminUrl: string;
  port: number;
  adminPort: number;
  instanceId: string;
  /** "redis" when REDIS_URL or REDIS_CLUSTER_NODES was given, else "local". */
  liveMode: "redis" | "local";
  /** Instances with health and breakers as this gateway sees them; applies breaker commands. */
  upstreamState: UpstreamStateSource;
  currentRevision(): number | null;
  /** Graceful: stop accepting, finish in-flight requests (up to the deadline), release everything. */
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const instanceId = options.instanceId ?? `${hostname()}-${process.pid}`;
  const log = options.logger ?? createLogger({ level: "info", instanceId });
  const stack = new CloseStack(log);
  try {
    return await assemble(options, instanceId, log, stack);
  } catch (error) {
    await stack.closeAll(); // exactly what was opened before the failure, newest first
    throw error;
  }
}

/**
 * The composition root: every service built once, in dependency order, each close pushed onto the
 * one stack that both a failed start and close() unwind. Shutdown therefore runs in reverse: the
 * proxy drains first (the admin port still answers /readyz meanwhile), then the events queued by
 * the last requests are written, then upstream machinery, live events, Redis and the config.
 */
async function assemble(options: GatewayOptions, instanceId: string, log: Logger, stack: CloseStack): Promise<Gateway> {
  const host = options.host ?? DEFAULTS.GATEWAY_HOST;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULTS.SHUTDOWN_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.GATEWAY_MAX_BODY_BYTES;

  // Late-bound: the pools and the listener exist only further down.
  let onConfig: (config: CompiledConfig) => void = () => {};
  let proxies: ProxyListeners | null = null;
  let wsManager: WsManager | null = null;

  const follower = await startConfigFollower({
    databaseUrl: options.databaseUrl,
    instanceId,
    pollIntervalMs: options.pollIntervalMs ?? DEFAULTS.CONFIG_POLL_INTERVAL_MS,
    log,
    onLoaded: (config) => onConfig(config),
    edge: { secrets: options.jwtSecrets ?? new Map(), jwks: createJwksCache(options.jwks), defaultMaxBodyBytes: maxBodyBytes },
  });
  stack.push("config follower", () => follower.close());
  const currentRevision = () => follower.store.current()?.revision ?? null;
  const inFlight = () => proxies?.inFlight() ?? 0;

  if (options.redisUrl && options.redisCluster) throw new Error("redisUrl and redisCluster: give one (one Redis or a Redis Cluster)");
  const redis = options.redisUrl || options.redisCluster ? await connectRedis({ url: options.redisUrl, cluster: options.redisCluster, prefix: options.redisKeyPrefix ?? "", log }) : null;
  if (redis) stack.push("redis", () => redis.close());

  // The upstream machinery: instance pools (static + registered, health, breakers) per service.
  const registry = redis ? createRedisRegistry(redis.client, redis.prefix) : createLocalRegistry();
  const forcedStore = redis ? createRedisForcedBreakers(redis.client, redis.prefix) : createLocalForcedBreakers();
  let pools: UpstreamPools | null = null;
  const upstreamState = (): UpstreamStateSource => pools!;
  const metrics = createGatewayMetrics({
    upstreamState,
    inFlight,
    openConnections: () => proxies?.openConnections() ?? Promise.resolve(0),
    revision: currentRevision,
  });
  // Every request is in a trace from the edge on; spans are exported only with an endpoint. Closed
  // after the proxy has drained, so the last requests' spans go out too.
  const tracing = createTracing(tracingSettings(options.tracing, instanceId), metrics.registry, log.child({ component: "tracing" }));
  stack.push("tracing", () => tracing.close(options.tracing?.flushTimeoutMs ?? DEFAULTS.TRACE_FLUSH_TIMEOUT_MS));
  // Attempts go to the metrics (and the caller's observer); breaker and health events to the live
  // service (which tees to the caller's sink).
  const extraObserver = options.observer;
  const observer: UpstreamObserver = extraObserver ? { attempt: (o) => (metrics.observer.attempt(o), extraObserver.attempt(o)) } : metrics.observer;
  const traffic = new TrafficWindow();
  let advertisedAdminUrl = options.publicAdminUrl ?? "";
  const live = createLiveService({
    gatewayId: instanceId,
    transport: await createLiveTransport({ redis, gatewayId: instanceId, log, onFailure: (operation) => metrics.liveFailure("redis", operation) }),
    traffic,
    adminUrl: () => advertisedAdminUrl,
    revision: currentRevision,
    inFlight,
    websockets: () => (wsManager ? Object.fromEntries(wsManager.openByRoute()) : {}),
    upstreamState,
    log: log.child({ component: "live" }),
    rollupIntervalMs: options.rollupIntervalMs ?? DEFAULTS.LIVE_ROLLUP_INTERVAL_MS,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    tee: options.live,
    onEvent: metrics.liveEvent,
  });
  stack.push("live events", () => live.close());

  const probeAgents = createAgents({ maxSockets: 4, maxFreeSockets: 4 });
  stack.push("health-check agents", () => probeAgents.destroy());
  const agents = createAgents();
  stack.push("upstream agents", () => agents.destroy());
  // Services' own TLS to their https instances, in both agent sets, kept current before pools and
  // checks use them (each revision, each file change).
  const serviceTls = new ServiceTlsSync({
    agents: [agents, probeAgents],
    refs: options.upstreamTlsRefs ?? new Map(),
    log: log.child({ component: "upstream-tls" }),
    onReload: (result) => metrics.tls.reload("upstream", result),
    pollMs: options.tlsReload?.pollMs ?? DEFAULTS.TLS_RELOAD_POLL_MS,
    debounceMs: options.tlsReload?.debounceMs ?? DEFAULTS.TLS_RELOAD_DEBOUNCE_MS,
  });
  stack.push("upstream TLS watch", () => serviceTls.close());
  const upstreamPools = (pools = new UpstreamPools({ gatewayId: instanceId, live, log, probeAgents, forcedStore }));
  stack.push("upstream pools", () => upstreamPools.close()); // instances register themselves: nothing to deregister
  const discovery = startDiscovery({ registry, pools: upstreamPools, refreshMs: options.discoveryRefreshMs ?? 30_000, log, onFallback: () => metrics.fallback("registry", "unreachable") });
  stack.push("discovery", () => discovery.close());

  // Edge: one limiter for the process, on the shared Redis when there is one (decided here, once).
  const limiter = new GuardedLimiter({
    store: redis ? createRedisRateLimitStore(redis.client, redis.prefix) : createLocalRateLimitStore(),
    log: log.child({ component: "rate-limit" }),
    onFallback: (failMode) => metrics.fallback("rate_limit", failMode === "open" ? "fail_open" : "fail_closed"),
    timeoutMs: options.rateLimitTimeoutMs,
  });
  stack.push("rate limiter", () => limiter.close());

  // Therapeutic safety: events are queued and written in the background (the request path never
  // waits on Postgres), announced on Redis at once; one scanner per process, shared by the rate
  // limiter's crisis check and the safety-scan stage.
  const eventsDb = createDb(options.events?.databaseUrl ?? options.databaseUrl, { max: 2, connectionTimeoutMs: 2_000, statementTimeoutMs: 5_000 });
  stack.push("events database", () => eventsDb.$disconnect());
  const eventActor = { id: null, label: `gateway ${instanceId}` };
  const events = createEventService({
    gatewayId: instanceId,
    write: async (batch) => void (await recordTherapeuticEvents(eventsDb, batch, eventActor)),
    notifier: redis ? redisEventNotifier(redis, () => metrics.liveFailure("redis", "therapeutic_event")) : null,
    meters: metrics.safety.events,
    log: log.child({ component: "safety-events" }),
    queueLimit: options.events?.queueLimit ?? DEFAULTS.SAFETY_EVENT_QUEUE_LIMIT,
    retryBaseMs: options.events?.retryBaseMs,
    retryMaxMs: options.events?.retryMaxMs,
  });
  // No request can add an event once the proxy has drained: write what is queued (up to a deadline).
  stack.push("therapeutic events", () => events.close(options.events?.flushTimeoutMs ?? 5_000));
  metrics.safety.pendingEvents(events.pending);
  const crisis = buildClassifier(options.crisisClassifier, log.child({ component: "crisis-classifier" }), metrics.safety); // the models load here, once
  stack.push("crisis classifier", () => crisis.close());
  const scanner = createRequestScanner({ classifier: crisis.classifier });
  const safety = { scanner, events, meters: metrics.safety, gatewayId: instanceId };

  const trustedProxies = options.trustedProxies?.length ? ipSet(options.trustedProxies) : null;

  // WebSocket sessions: on Redis with rooms and take-overs across gateways, or in-process.
  const wsBus = redis ? createRedisWsBus(redis.client, redis.prefix, log.child({ component: "websocket" })) : createLocalWsBus(log);
  stack.push("websocket bus", () => wsBus.close());
  const wsMeters = createWsMeters(metrics.registry, metrics.safety);
  const websocket = (wsManager = new WsManager({
    gatewayId: instanceId,
    store: redis ? createRedisSessionStore(redis.client, redis.prefix) : createLocalSessionStore(),
    bus: wsBus,
    pools: () => upstreamPools,
    upstreamTls: agents.tlsOptions,
    events,
    classifier: crisis.classifier,
    meters: wsMeters,
    log: log.child({ component: "websocket" }),
    settings: options.websocket,
    onRecoveryFailed: (sessionId, eventId) =>
      void eventsDb.$transaction((tx) => writeAudit(tx, { actor: eventActor, action: EVENT_ACTIONS.recoveryFailed, entityType: EVENT_ENTITY, entityId: eventId, after: { sessionId }, correlationId: sessionId })).catch((error: unknown) =>
        log.error({ err: error, eventId }, "the failed recovery of a crisis session could not be added to its event"),
      ),
  }));
  wsMeters.openConnections(() => websocket.openByRoute());
  await websocket.start();
  // The shared HTTP cache of routes with a cache policy: in Redis (every gateway sees it), or in-process.
  const cacheMeters = createCacheMeters(metrics.registry);
  const httpCache = redis ? createRedisHttpCacheStore(redis.client, redis.prefix, { shards: redis.cluster ? CLUSTER_CACHE_SHARDS : 1 }) : createLocalHttpCacheStore({ maxBytes: options.cacheMaxBytes ?? DEFAULTS.CACHE_MAX_BYTES, onEvict: (n) => cacheMeters.evicted(n) });
  stack.push("http cache", () => httpCache.close());
  let cacheSize: { entries: number; bytes: number } | null = null;
  cacheMeters.size(() => (void httpCache.stats().then((s) => (cacheSize = s), () => {}), cacheSize)); // the last reading: a scrape never waits on Redis
  const pipeline = createPipeline({
    tracing,
    requestHeaders: { trustedProxies },
    recorders: [metrics.requests, traffic],
    rateLimit: { limiter, adaptive: new AdaptiveLimits(), trustedProxies, crisis: crisisGate(safety) },
    safety,
    upstream: { pools: upstreamPools, dispatch: attemptChain({ forward: createForward(agents), observer }) },
    aggregate: { pools: upstreamPools, dispatch: collectChain({ agents, observer }), meters: metrics.aggregate, maxPartBytes: options.aggregateMaxPartBytes ?? DEFAULTS.GATEWAY_AGGREGATE_MAX_PART_BYTES },
    websocket: { manager: websocket },
    compression: { meters: createCompressionMeters(metrics.registry), settings: options.compression },
    cache: { store: httpCache, meters: cacheMeters, coalescer: new Coalescer(), background: backgroundFetcher(() => upstreamPools, agents), log: log.child({ component: "http-cache" }), traffic },
  });
  // At each swap, before any request sees the revision: pools follow its services, and each
  // route's chain is compiled.
  onConfig = (config) => {
    serviceTls.sync(config);
    for (const added of upstreamPools.syncConfig(config)) void discovery.refresh(added);
    pipeline.chains.prepare(config);
    websocket.syncConfig(config);
  };
  const loaded = follower.store.current();
  serviceTls.sync(loaded);
  upstreamPools.syncConfig(loaded);
  if (loaded) pipeline.chains.prepare(loaded);
  if (loaded) websocket.syncConfig(loaded);
  await discovery.refresh();
  const forcedSync = await startForcedSync({ store: forcedStore, pools: upstreamPools, intervalMs: options.forcedBreakerSyncMs ?? 5_000, log });
  stack.push("forced breaker sync", () => forcedSync.close());

  const token = adminToken(options.adminToken);
  const registration = registrationToken(options.registrationToken);
  const admin = createDrainingServer(
    createAdminHandler(
      { instanceId, store: follower.store, listenerConnected: follower.listenerConnected, draining: () => proxies?.draining() ?? false },
      [
        metricsEndpoint(metrics.registry),
        liveStateEndpoint(live, token),
        liveEventsEndpoint(live, token),
        liveTrafficEndpoint(live, token),
        breakersEndpoint(live, token),
        classifyEndpoint(crisis.classifier, token),
        wsEndpoint(websocket, token),
        cacheEndpoint(httpCache, token, log),
        registrationEndpoint({ registry, token: registration, refresh: discovery.refresh, knowsService: (s) => upstreamPools.get(s) !== undefined, log }),
      ],
      log,
    ),
  );
  // The admin port closes after the proxy has drained, so /readyz says "draining" meanwhile.
  const adminPort = await admin.listen(options.adminPort ?? DEFAULTS.GATEWAY_ADMIN_PORT, host);
  stack.push("admin listener", () => admin.close(0));
  const tls = options.tls;
  const listening = (proxies = await startProxyListeners(
    {
      host,
      port: options.port ?? DEFAULTS.GATEWAY_PORT,
      tls: tls
        ? {
            ...tls,
            port: tls.port ?? DEFAULTS.GATEWAY_TLS_PORT,
            http2: tls.http2 ?? DEFAULTS.GATEWAY_TLS_HTTP2,
            redirectHttp: tls.redirectHttp ?? DEFAULTS.GATEWAY_HTTP_REDIRECT,
          }
        : null,
      edge: pipeline.edge,
      recorders: [metrics.requests, traffic],
      currentConfig: follower.store.current,
      log,
      server: {
        maxHeaderSize: options.maxHeaderBytes ?? DEFAULTS.GATEWAY_MAX_HEADER_BYTES,
        keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULTS.GATEWAY_KEEP_ALIVE_TIMEOUT_MS,
        headersTimeout: options.headersTimeoutMs ?? DEFAULTS.GATEWAY_HEADERS_TIMEOUT_MS,
      },
      tlsReload: { pollMs: options.tlsReload?.pollMs ?? DEFAULTS.TLS_RELOAD_POLL_MS, debounceMs: options.tlsReload?.debounceMs ?? DEFAULTS.TLS_RELOAD_DEBOUNCE_MS },
      meters: metrics.tls,
    },
    stack,
  ));
  const { port, tlsPort } = listening;
  // At shutdown the listeners stop accepting at once while WebSocket clients are told (1001, their
  // resume token) to reconnect elsewhere and in-flight requests finish.
  stack.push("proxy listeners and websocket sessions", async () => {
    const [{ abandoned }] = await Promise.all([listening.close(shutdownTimeoutMs), websocket.close()]);
    if (abandoned > 0) log.warn({ abandoned }, "requests still in flight at the shutdown deadline were cut");
  });

  const shown = host.includes(":") ? `[${host}]` : host;
  const adminUrl = `http://${shown}:${adminPort}`;
  advertisedAdminUrl ||= adminUrl;
  live.start();
  if (tracing.exporting) log.info({ endpoint: shownUrl(options.tracing!.export!.url), protocol: options.tracing!.export!.protocol, sampleRatio: options.tracing?.sampleRatio ?? DEFAULTS.OTEL_TRACES_SAMPLER_ARG }, "spans are exported over OTLP/HTTP");
  if (!token.configured) log.info("GATEWAY_ADMIN_TOKEN is not set: POST /breakers is disabled on the admin port");
  if (!registration.configured) log.info("GATEWAY_REGISTRATION_TOKEN is not set: registration (/registry/instances) is disabled");
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shown}:${port}`,
    tlsUrl: tlsPort === null ? null : `https://${shown}:${tlsPort}`,
    tlsPort,
    adminUrl,
    port,
    adminPort,
    instanceId,
    liveMode: live.mode,
    upstreamState: upstreamPools,
    currentRevision,
    close() {
      closing ??= stack.closeAll().then(() => log.info("gateway stopped"));
      return closing;
    },
  };
}

function tracingSettings(options: TracingOptions | undefined, instanceId: string): TracingSettings {
  const batch = options?.batch;
  return {
    instanceId,
    sampleRatio: options?.sampleRatio ?? DEFAULTS.OTEL_TRACES_SAMPLER_ARG,
    trustedPeers: options?.trustedPeers?.length ? ipSet(options.trustedPeers) : null,
    export: options?.export
      ? {
          url: options.export.url,
          protocol: options.export.protocol,
          timeoutMs: options.export.timeoutMs ?? DEFAULTS.OTEL_EXPORTER_OTLP_TIMEOUT,
          serviceName: options.serviceName ?? DEFAULTS.OTEL_SERVICE_NAME,
          batch: {
            delayMs: batch?.delayMs ?? DEFAULTS.OTEL_BSP_SCHEDULE_DELAY,
            maxQueueSize: batch?.maxQueueSize ?? DEFAULTS.OTEL_BSP_MAX_QUEUE_SIZE,
            maxBatchSize: batch?.maxBatchSize ?? DEFAULTS.OTEL_BSP_MAX_EXPORT_BATCH_SIZE,
            exportTimeoutMs: batch?.exportTimeoutMs ?? DEFAULTS.OTEL_BSP_EXPORT_TIMEOUT,
          },
        }
      : null,
  };
}

/** A URL for the log: without credentials someone may have put in it. */
function shownUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}
