// The compiled, immutable form of one published revision: what a request is routed by. A request
// takes one reference to it at its start; a publish swaps the reference, never the contents.
import type { CompiledSafetyRules } from "@tta/safety";
import type { CompiledCompression } from "../compression/compiled-policy.ts";
import type { RouteSafety } from "../safety/compile-safety.ts";
import type { RouteEdge } from "./compile-edge.ts";
import type { Router } from "./router.ts";
import type { PathMatch, PathPattern, Rewriter, TCircuitBreaker, THealthCheck, TLoadBalancing, TTherapeuticPriority, TUpstreamTls } from "@tta/domain";

export type HostRule =
  | { kind: "exact"; host: string; withPort: boolean }
  | { kind: "wildcard"; suffix: string; withPort: boolean }; // suffix = ".example.com"

/** A static instance, as the snapshot lists it. */
export interface CompiledInstance {
  readonly url: string;
  readonly target: URL;
  readonly weight: number;
}

/**
 * A service's settings in this revision. Its live instances (static ones plus registered ones,
 * with health and breakers) are kept across revisions by upstream/pool, keyed by name.
 */
export interface CompiledService {
  readonly name: string;
  readonly instances: readonly CompiledInstance[];
  readonly priority: TTherapeuticPriority;
  readonly loadBalancing: TLoadBalancing;
  readonly healthCheckPath: string;
  readonly healthCheck: THealthCheck;
  readonly circuitBreaker: TCircuitBreaker;
  /** TLS to its https:// instances (file references; the agents load them, upstream/service-tls-sync.ts); null = the shared agent. */
  readonly tls: Readonly<TUpstreamTls> | null;
}

/** The route's retry policy with its defaults applied (attempts null = by request priority). */
export interface CompiledRetry {
  readonly attempts: number | null;
  readonly retryNonIdempotent: boolean;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly connectTimeoutMs: number;
  readonly attemptTimeoutMs: number | null;
  readonly crisisBypass: boolean;
}

/** A route's shared HTTP cache (stages/cache), from its cache policy. */
export interface CompiledCachePolicy {
  readonly defaultTtlSeconds: number;
  readonly maxTtlSeconds: number;
  readonly statuses: ReadonlySet<number>;
  /** Query parameters in the key, in name order; null = the whole query as sent. */
  readonly keyQuery: readonly string[] | null;
  readonly keyHeaders: readonly string[];
  /** Every user gets answers of their own (the user id is part of the key). */
  readonly perUser: boolean;
  readonly maxObjectBytes: number;
  readonly coalesceWaitMs: number;
  readonly staleIfErrorSeconds: number;
}

/** One part of an aggregation route (stages/aggregate). */
export interface CompiledAggregatePart {
  /** Where its answer goes in the merged one. */
  readonly key: string;
  readonly service: CompiledService;
  readonly method: string;
  /** Its path and query for the service, from the request's captures (the route path's :params and *). */
  readonly path: (match: PathMatch) => string;
  /** All its attempts, and its answer's body, within this. */
  readonly timeoutMs: number;
  readonly required: boolean;
  /** The static answer that stands in when its service fails; null = none. */
  readonly fallback: unknown;
}

export interface CompiledAggregate {
  readonly parts: readonly CompiledAggregatePart[];
  /** Some part's method carries the client's request body (POST, PUT, PATCH). */
  readonly sendsBody: boolean;
}

export interface CompiledRoute {
  readonly id: string;
  readonly name: string;
  readonly priority: number;
  readonly methods: ReadonlySet<string> | null; // null = every method
  readonly host: HostRule | null;
  readonly pattern: PathPattern;
  readonly rewrite: Rewriter | null;
  readonly service: CompiledService;
  /** The overall deadline for the upstream's response headers, all attempts included. */
  readonly timeoutMs: number;
  /** Auth, rate limit, response headers, CORS and body limits (compile-edge.ts). */
  readonly edge: RouteEdge;
  readonly retry: CompiledRetry;
  /** Safety scan mode and policy (issue 5): crisis response, blocked categories, PII rules. */
  readonly safety: RouteSafety;
  /** Accepts WebSocket upgrades (websocket/PROTOCOL.md). */
  readonly websocket: boolean;
  /** The route's own session limits; null = the gateway's WS_* settings. */
  readonly websocketPolicy: { idleTimeoutMs: number; maxMessageBytes: number; messagesPerSecond: number; messageBurst: number } | null;
  /** The route's shared HTTP cache; null when it has none or it is turned off. */
  readonly cache: CompiledCachePolicy | null;
  /** An aggregation route's parts (kind "aggregate"): its answer is theirs, merged; null = a proxy route. */
  readonly aggregate: CompiledAggregate | null;
  /** The route's response compression (stages/compress); null when it has none or it is turned off. */
  readonly compression: CompiledCompression | null;
}

export interface CompiledConfig {
  readonly revision: number;
  readonly checksum: string;
  readonly loadedAt: Date;
  /** Enabled routes, in the order they are tried. */
  readonly routes: readonly CompiledRoute[];
  /** The index of `routes` that requests are matched with (router.ts); same order, same answers. */
  readonly router: Router;
  /** Every service of the revision, routed or not, by name. */
  readonly services: ReadonlyMap<string, CompiledService>;
  /** The revision's safety rules, compiled; null when no enabled route scans. */
  readonly safetyRules: CompiledSafetyRules | null;
}
