// A gateway's live side: the heartbeat (every second: event + full state), the traffic roll-up
// (every LIVE_ROLLUP_INTERVAL_MS), what the upstream machinery publishes (LiveSink), and breaker
// commands applied through UpstreamStateSource. Events go out through the transport chosen at start.
import type { TBreakerCommand, TBreakerCommandAck, TGatewayHeartbeat, TGatewayLiveState, TLiveEvent, TTrafficHistory, TTrafficRange, TTrafficRollup } from "@tta/domain";
import type { Logger } from "pino";
import type { LiveSink, UpstreamStateSource } from "./contracts.ts";
import { TrafficHistory } from "./rollup/traffic-history.ts";
import type { TrafficWindow } from "./rollup/traffic-window.ts";
import type { LiveListener, LiveTransport } from "./transport/interface.ts";

export interface LiveServiceOptions {
  gatewayId: string;
  transport: LiveTransport;
  traffic: TrafficWindow;
  /** Read at each heartbeat: the admin URL is known only once the admin listener is up. */
  adminUrl(): string;
  revision(): number | null;
  inFlight(): number;
  /** Open WebSocket client connections by route (default none). */
  websockets?(): Record<string, number>;
  upstreamState(): UpstreamStateSource | null;
  log: Logger;
  rollupIntervalMs?: number; // default 2000
  heartbeatIntervalMs?: number; // default 1000
  /** Also receives every event (a test's or an embedder's own sink). */
  tee?: LiveSink;
  /** Counts each event by type (metrics). */
  onEvent?: (type: TLiveEvent["type"]) => void;
  now?: () => number;
}

export interface LiveService extends LiveSink {
  readonly mode: LiveTransport["mode"];
  state(): TGatewayLiveState;
  /** The roll-ups kept for one of the console's time ranges (GET /live/traffic). */
  trafficHistory(range: TTrafficRange): TTrafficHistory;
  subscribe(listener: LiveListener): () => void;
  applyCommand(command: TBreakerCommand): TBreakerCommandAck;
  /** Starts the heartbeat and roll-up timers (after the listeners are up). */
  start(): void;
  close(): Promise<void>;
}

export function createLiveService(options: LiveServiceOptions): LiveService {
  const { gatewayId, transport, traffic, log } = options;
  const now = options.now ?? Date.now;
  const rollupIntervalMs = options.rollupIntervalMs ?? 2_000;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1_000;
  const startedAt = now();
  let latestTraffic: TTrafficRollup | null = null;
  let lastFlush = startedAt;
  const history = new TrafficHistory(now);
  const timers: NodeJS.Timeout[] = [];

  function publish(event: TLiveEvent): void {
    try {
      options.onEvent?.(event.type);
      options.tee?.publish(event);
      transport.publish(event);
    } catch (error) {
      log.error({ err: error, type: event.type }, "publishing a live event failed");
    }
  }

  const heartbeat = (): TGatewayHeartbeat => ({
    type: "gateway.heartbeat",
    gatewayId,
    at: now(),
    startedAt,
    revision: options.revision(),
    adminUrl: options.adminUrl(),
    mode: transport.mode,
    inFlight: options.inFlight(),
    websockets: options.websockets?.() ?? {},
  });

  function instances() {
    try {
      return options.upstreamState()?.instances() ?? [];
    } catch (error) {
      log.error({ err: error }, "reading the upstream state failed");
      return [];
    }
  }

  const state = (): TGatewayLiveState => ({ heartbeat: heartbeat(), instances: instances(), traffic: latestTraffic });

  function beat(): void {
    const current = state();
    publish(current.heartbeat);
    transport.saveState(current);
  }

  function rollup(): void {
    const at = now();
    const event: TTrafficRollup = { type: "traffic.rollup", gatewayId, at, windowMs: Math.max(1, Math.round(at - lastFlush)), routes: traffic.flush() };
    lastFlush = at;
    latestTraffic = event;
    history.add(event);
    publish(event);
  }

  function applyCommand(command: TBreakerCommand): TBreakerCommandAck {
    let applied = false;
    try {
      applied = options.upstreamState()?.applyBreakerCommand(command) ?? false;
    } catch (error) {
      log.error({ err: error, command }, "applying a breaker command failed");
    }
    log.info({ command, applied }, applied ? "breaker command applied" : "breaker command not applicable here");
    return { gatewayId, correlationId: command.correlationId, applied, at: now() };
  }

  transport.onCommand(applyCommand);

  return {
    mode: transport.mode,
    publish,
    state,
    trafficHistory: (range) => ({ gatewayId, range, rollups: history.read(gatewayId, range) }),
    subscribe: (listener) => transport.subscribe(listener),
    applyCommand,
    start() {
      if (timers.length > 0) return;
      lastFlush = now();
      beat();
      timers.push(setInterval(beat, heartbeatIntervalMs).unref(), setInterval(rollup, rollupIntervalMs).unref());
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      timers.length = 0;
      await transport.close();
    },
  };
}
