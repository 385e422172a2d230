// How live events leave a gateway and breaker commands reach it. Chosen once at start-up:
// Redis (cluster: pub/sub, heartbeat keys, a commands channel) or local (standalone: in-process
// listeners only, which the admin API serves as SSE; commands arrive on POST /breakers).
import type { TBreakerCommand, TBreakerCommandAck, TGatewayLiveState, TLiveEvent } from "@tta/domain";

/** An in-process listener (the admin API's SSE streams); `json` is the event, serialised once. */
export type LiveListener = (event: TLiveEvent, json: string) => void;

export type CommandHandler = (command: TBreakerCommand) => TBreakerCommandAck;

export interface LiveTransport {
  readonly mode: "redis" | "local";
  /** To every in-process listener and, in Redis mode, to every console. Never throws, never waits. */
  publish(event: TLiveEvent): void;
  subscribe(listener: LiveListener): () => void;
  /** The heartbeat's full state (Redis: a key with a short TTL; local: nothing, it is read on demand). */
  saveState(state: TGatewayLiveState): void;
  /** Commands sent to all gateways at once (Redis only; a local gateway takes them on POST /breakers). */
  onCommand(handler: CommandHandler): void;
  close(): Promise<void>;
}
