// Compiles a validated snapshot into the route table once per revision, so that the per-request
// work is a lookup in a ready router (a trie per host rule, router.ts). Throws only on a snapshot that should not have validated.
import { compareSpecificity, compileRewrite, parsePattern, type TCachePolicy, type TRetryPolicy, type TSnapshot, type TWebsocketPolicy } from "@tta/domain";
import { compileCompression } from "../compression/compiled-policy.ts";
import { compileAggregate } from "./compile-aggregate.ts";
import { CompileError } from "./compile-error.ts";
import type { CompiledCachePolicy, CompiledConfig, CompiledRetry, CompiledRoute, CompiledService, HostRule } from "./compiled.ts";
import { compileEdge, defaultEdgeDeps, type EdgeDeps } from "./compile-edge.ts";
import { parseHostRule } from "./host-rule.ts";
import { compileRouter } from "./router.ts";
import { revisionRules, routeSafety } from "../safety/compile-safety.ts";

export { CompileError } from "./compile-error.ts";

// Exact hosts before wildcards before routes without a host; the longer wildcard is the narrower.
function hostRank(host: HostRule | null): number {
  if (!host) return 2;
  return host.kind === "exact" ? 0 : 1;
}

/** Route precedence: priority desc, host-specific before host-less, path specificity, name asc. */
export function compareRoutes(a: CompiledRoute, b: CompiledRoute): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const byHost = hostRank(a.host) - hostRank(b.host);
  if (byHost !== 0) return byHost;
  if (a.host?.kind === "wildcard" && b.host?.kind === "wildcard" && a.host.suffix.length !== b.host.suffix.length)
    return b.host.suffix.length - a.host.suffix.length;
  const bySpecificity = compareSpecificity(a.pattern, b.pattern);
  if (bySpecificity !== 0) return bySpecificity;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function compileServices(snapshot: TSnapshot): Map<string, CompiledService> {
  const services = new Map<string, CompiledService>();
  for (const s of snapshot.services) {
    const instances = s.instances.map((i) => Object.freeze({ url: i.url, target: new URL(i.url), weight: i.weight }));
    services.set(
      s.name,
      Object.freeze({
        name: s.name,
        instances: Object.freeze(instances),
        priority: s.therapeuticPriority,
        loadBalancing: s.loadBalancing,
        healthCheckPath: s.healthCheckPath,
        healthCheck: Object.freeze({ ...s.healthCheck }),
        circuitBreaker: Object.freeze({ ...s.circuitBreaker }),
        tls: s.tls ? Object.freeze({ ...s.tls }) : null,
      }),
    );
  }
  return services;
}

function compileRetry(p: TRetryPolicy): CompiledRetry {
  return Object.freeze({
    attempts: p.attempts ?? null,
    retryNonIdempotent: p.retryNonIdempotent,
    backoffBaseMs: p.backoffBaseMs,
    backoffMaxMs: Math.max(p.backoffBaseMs, p.backoffMaxMs),
    connectTimeoutMs: p.connectTimeoutMs,
    attemptTimeoutMs: p.attemptTimeoutMs ?? null,
    crisisBypass: p.crisisBypass,
  });
}

function compileWebsocketPolicy(p: TWebsocketPolicy | null): CompiledRoute["websocketPolicy"] {
  if (!p) return null;
  return Object.freeze({
    idleTimeoutMs: p.idleTimeoutSeconds * 1000,
    maxMessageBytes: p.maxMessageBytes,
    messagesPerSecond: p.messagesPerSecond,
    messageBurst: p.messageBurst,
  });
}

function compileCachePolicy(p: TCachePolicy | null, authenticated: boolean): CompiledCachePolicy | null {
  if (!p?.enabled) return null;
  return Object.freeze({
    defaultTtlSeconds: p.ttlSeconds,
    maxTtlSeconds: p.maxTtlSeconds,
    statuses: new Set(p.statuses),
    keyQuery: p.keyQuery ? Object.freeze([...new Set(p.keyQuery)].sort()) : null,
    keyHeaders: Object.freeze([...new Set(p.keyHeaders)].sort()),
    perUser: p.partition === "user" || (p.partition === "auto" && authenticated),
    maxObjectBytes: p.maxObjectBytes,
    coalesceWaitMs: p.coalesceWaitMs,
    staleIfErrorSeconds: p.staleIfErrorSeconds,
  });
}

export function compileConfig(snapshot: TSnapshot, meta: { revision: number; checksum: string }, loadedAt = new Date(), edgeDeps: EdgeDeps = defaultEdgeDeps()): CompiledConfig {
  const services = compileServices(snapshot);
  const edgeOf = compileEdge(snapshot, edgeDeps);
  const routes: CompiledRoute[] = [];
  for (const r of snapshot.routes) {
    if (!r.enabled) continue;
    const parsed = parsePattern(r.path);
    if (!parsed.ok) throw new CompileError(`route ${r.name}: path ${parsed.message}`);
    const service = services.get(r.service);
    if (!service) throw new CompileError(`route ${r.name}: unknown service ${r.service}`);
    routes.push(
      Object.freeze({
        id: r.id,
        name: r.name,
        priority: r.priority,
        methods: r.methods.length === 0 ? null : new Set<string>(r.methods),
        host: r.host ? Object.freeze(parseHostRule(r.host)) : null,
        pattern: parsed.pattern,
        rewrite: r.rewrite ? compileRewrite(r.rewrite) : null,
        service,
        timeoutMs: r.timeoutMs,
        websocket: r.websocket,
        websocketPolicy: compileWebsocketPolicy(r.websocketPolicy),
        edge: edgeOf(r),
        retry: compileRetry(r.retryPolicy),
        safety: routeSafety(r),
        cache: compileCachePolicy(r.cachePolicy, r.auth !== "public"),
        aggregate: r.kind === "aggregate" ? compileAggregate(r, services) : null,
        compression: compileCompression(r.compression),
      }),
    );
  }
  routes.sort(compareRoutes);
  let safetyRules;
  try {
    safetyRules = revisionRules(snapshot);
  } catch (error) {
    throw new CompileError(`safety rules: ${(error as Error).message}`, { cause: error });
  }
  const frozen = Object.freeze(routes);
  return Object.freeze({ revision: meta.revision, checksum: meta.checksum, loadedAt, routes: frozen, router: compileRouter(frozen), services, safetyRules });
}
