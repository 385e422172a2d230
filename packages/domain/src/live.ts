// Live operational state that gateways publish and the console shows: heartbeats, breaker
// transitions, health changes and traffic roll-ups, plus the breaker commands operators send back.
// Carried by Redis pub/sub in cluster mode and by each gateway's admin API (SSE) in standalone
// mode; both carry exactly these shapes.
import { z } from "zod";

export const ZBreakerState = z.enum(["closed", "open", "half_open"]);
export type TBreakerState = z.infer<typeof ZBreakerState>;

/** An operator's override of a breaker: "none" lets the breaker decide. */
export const ZBreakerForce = z.enum(["none", "open", "closed"]);
export type TBreakerForce = z.infer<typeof ZBreakerForce>;

export const ZInstanceSource = z.enum(["static", "registered"]);

/** The breaker's sliding window right now (Hystrix-style rolling counts). */
export const ZBreakerRolling = z.object({
  windowMs: z.number().int().min(0),
  successes: z.number().int().min(0),
  /** 5xx answers. */
  failures: z.number().int().min(0),
  /** Connection failures and timeouts: no answer at all. */
  connectionFailures: z.number().int().min(0),
  /** Requests the breaker refused (open, or half-open with every probe slot taken). */
  rejects: z.number().int().min(0),
});
export type TBreakerRolling = z.infer<typeof ZBreakerRolling>;

const NO_ROLLING: TBreakerRolling = { windowMs: 0, successes: 0, failures: 0, connectionFailures: 0, rejects: 0 };

/**
 * Whether an instance takes traffic: out of rotation (health), or in rotation with its breaker
 * open (no requests, it is not down), half-open (probes only), or serving.
 */
export const ZInstanceAvailability = z.enum(["serving", "probing", "breaker_open", "out_of_rotation"]);
export type TInstanceAvailability = z.infer<typeof ZInstanceAvailability>;

export function instanceAvailability(inRotation: boolean, breaker: TBreakerState): TInstanceAvailability {
  if (!inRotation) return "out_of_rotation";
  return breaker === "open" ? "breaker_open" : breaker === "half_open" ? "probing" : "serving";
}

/** One upstream instance as one gateway sees it. `instance` is the instance URL's origin. */
export const ZInstanceState = z.object({
  service: z.string(),
  instance: z.string(),
  source: ZInstanceSource,
  weight: z.number(),
  score: z.number().min(0).max(100),
  inRotation: z.boolean(),
  activeRequests: z.number().int().min(0),
  lastCheckAt: z.number().nullable(), // epoch ms of the last active health check
  lastCheckOk: z.boolean().nullable(),
  lastCheckError: z.string().nullable(),
  /** instanceAvailability(inRotation, breaker.state); absent from gateways older than issue 8. */
  availability: ZInstanceAvailability.optional(),
  breaker: z.object({
    state: ZBreakerState,
    forced: ZBreakerForce,
    /** Failures of any kind (5xx, connection, timeout) in the current window. */
    failures: z.number().int().min(0),
    changedAt: z.number(),
    rolling: ZBreakerRolling.default(NO_ROLLING),
    /** Why the breaker is kept closed although its window would open it (panic threshold); null = it is not. */
    held: z.string().nullable().default(null),
  }),
});
export type TInstanceState = z.infer<typeof ZInstanceState>;

export const ZRouteTraffic = z.object({
  route: z.string(),
  service: z.string(),
  count: z.number().int().min(0),
  errors: z.number().int().min(0), // answers >= 500 and gateway failures
  p50: z.number().min(0), // ms
  p95: z.number().min(0),
  p99: z.number().min(0),
  /** GET and HEAD requests the route's cache looked up, and those it answered from what it stored (hit ratio); absent on routes without a cache. */
  cacheLookups: z.number().int().min(0).optional(),
  cacheHits: z.number().int().min(0).optional(),
  /**
   * Answers by status class (absent from gateways before Console v2). status4xx leaves out 429,
   * which has its own count (a rate limit is not a client's mistake). Requests without an answer
   * (client gone) and 1xx are in none of them: count may exceed their sum.
   */
  status2xx: z.number().int().min(0).optional(),
  status3xx: z.number().int().min(0).optional(),
  status4xx: z.number().int().min(0).optional(),
  status429: z.number().int().min(0).optional(),
  status5xx: z.number().int().min(0).optional(),
  /** The row of requests no route matched (route and service are then placeholders, not names). */
  unmatched: z.boolean().optional(),
});
export type TRouteTraffic = z.infer<typeof ZRouteTraffic>;

export const ZGatewayHeartbeat = z.object({
  type: z.literal("gateway.heartbeat"),
  gatewayId: z.string(),
  at: z.number(),
  startedAt: z.number(),
  revision: z.number().int().nullable(),
  adminUrl: z.string(),
  mode: z.enum(["redis", "local"]),
  inFlight: z.number().int().min(0),
  /** Open WebSocket client connections on this gateway, by route (absent from gateways before issue 11). */
  websockets: z.record(z.string(), z.number().int().min(0)).default({}),
});

export const ZBreakerTransition = z.object({
  type: z.literal("breaker.transition"),
  gatewayId: z.string(),
  at: z.number(),
  service: z.string(),
  instance: z.string(),
  from: ZBreakerState,
  to: ZBreakerState,
  forced: ZBreakerForce,
  reason: z.string(),
});

export const ZHealthChange = z.object({
  type: z.literal("health.change"),
  gatewayId: z.string(),
  at: z.number(),
  service: z.string(),
  instance: z.string(),
  previousScore: z.number().min(0).max(100),
  score: z.number().min(0).max(100),
  inRotation: z.boolean(),
  reason: z.string(),
});

export const ZTrafficRollup = z.object({
  type: z.literal("traffic.rollup"),
  gatewayId: z.string(),
  at: z.number(), // end of the window, epoch ms
  windowMs: z.number().int().positive(),
  routes: z.array(ZRouteTraffic),
});

export const ZLiveEvent = z.discriminatedUnion("type", [ZGatewayHeartbeat, ZBreakerTransition, ZHealthChange, ZTrafficRollup]);
export type TLiveEvent = z.infer<typeof ZLiveEvent>;
export type TGatewayHeartbeat = z.infer<typeof ZGatewayHeartbeat>;
export type TBreakerTransition = z.infer<typeof ZBreakerTransition>;
export type THealthChange = z.infer<typeof ZHealthChange>;
export type TTrafficRollup = z.infer<typeof ZTrafficRollup>;

/** Everything a console needs to draw one gateway right now (then events keep it current). */
export const ZGatewayLiveState = z.object({
  heartbeat: ZGatewayHeartbeat,
  instances: z.array(ZInstanceState),
  traffic: ZTrafficRollup.nullable(),
});
export type TGatewayLiveState = z.infer<typeof ZGatewayLiveState>;

export const ZBreakerCommand = z.object({
  service: z.string().min(1).max(63),
  instance: z.string().min(1).max(512),
  action: z.enum(["force_open", "force_closed", "reset"]),
  correlationId: z.string().min(1).max(128),
});
export type TBreakerCommand = z.infer<typeof ZBreakerCommand>;

/** What the console's operations.forceBreaker takes: a command without its correlation id. */
export const ZBreakerCommandInput = ZBreakerCommand.omit({ correlationId: true });
export type TBreakerCommandInput = z.infer<typeof ZBreakerCommandInput>;

/** A gateway's answer to one breaker command (on the acks channel, or from POST /breakers). */
export const ZBreakerCommandAck = z.object({
  gatewayId: z.string(),
  correlationId: z.string(),
  applied: z.boolean(), // false: this gateway has no such service instance
  at: z.number(),
});
export type TBreakerCommandAck = z.infer<typeof ZBreakerCommandAck>;

/** What sending one command achieved: gateways reached, and which of them applied it. */
export const ZBreakerCommandResult = z.object({
  correlationId: z.string(),
  reached: z.number().int().min(0),
  applied: z.number().int().min(0),
  acks: z.array(ZBreakerCommandAck),
});
export type TBreakerCommandResult = z.infer<typeof ZBreakerCommandResult>;

/** One gateway as the console shows it: its last known state, and whether its heartbeat stopped. */
export const ZGatewayView = ZGatewayLiveState.extend({
  stale: z.boolean(), // no heartbeat for LIVE_STALE_AFTER_MS
});
export type TGatewayView = z.infer<typeof ZGatewayView>;

/** Heartbeats come every second; three missed ones make a gateway stale. */
export const LIVE_STALE_AFTER_MS = 3_000;

/**
 * A therapeutic event as a gateway announces it the moment it detects it, before the row is
 * written (Redis, cluster mode): ids, kinds and severities only, never text. The row's own
 * Postgres NOTIFY (CHANNELS.therapeuticEvent) follows once it is written, in every mode.
 */
export const ZTherapeuticEventNotice = z.object({
  type: z.literal("therapeutic.event"),
  gatewayId: z.string(),
  at: z.number(),
  eventId: z.string(),
  /** The crisis category, or "content_violation" / "privacy_violation". */
  eventType: z.string(),
  severity: z.enum(["low", "medium", "high", "critical"]),
  escalated: z.boolean(),
  route: z.string(),
  correlationId: z.string(),
});
export type TTherapeuticEventNotice = z.infer<typeof ZTherapeuticEventNotice>;

/** Redis names shared by gateways and the console. */
export const LIVE_REDIS = {
  eventsChannel: "tta:live",
  commandsChannel: "tta:commands",
  /** JSON TBreakerCommandAck, one per gateway that received a command. */
  commandAcksChannel: "tta:command-acks",
  /** gateway:{id} -> JSON TGatewayLiveState, short TTL, refreshed with each heartbeat. */
  gatewayKey: (gatewayId: string) => `gateway:${gatewayId}`,
  gatewaysSet: "gateways",
  /** hash: "{service}|{instance}" -> "open" | "closed" (forced breakers survive gateway restarts). */
  forcedBreakers: "breaker:forced",
  /** JSON TTherapeuticEventNotice, one per therapeutic event a gateway detects. */
  therapeuticEventsChannel: "tta:therapeutic-events",
} as const;

/** LIVE_REDIS with a prefix on every key and channel (REDIS_KEY_PREFIX: tests and shared Redis). */
export function liveRedisNames(prefix = "") {
  return {
    eventsChannel: prefix + LIVE_REDIS.eventsChannel,
    commandsChannel: prefix + LIVE_REDIS.commandsChannel,
    commandAcksChannel: prefix + LIVE_REDIS.commandAcksChannel,
    gatewayKey: (gatewayId: string) => prefix + LIVE_REDIS.gatewayKey(gatewayId),
    gatewaysSet: prefix + LIVE_REDIS.gatewaysSet,
    forcedBreakers: prefix + LIVE_REDIS.forcedBreakers,
    therapeuticEventsChannel: prefix + LIVE_REDIS.therapeuticEventsChannel,
  };
}
export type LiveRedisNames = ReturnType<typeof liveRedisNames>;
