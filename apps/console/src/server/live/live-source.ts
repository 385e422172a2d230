// Where the console gets the gateways' live state from, chosen once per process from the
// environment: Redis (cluster mode) or each gateway's admin API (standalone). Both keep one
// upstream connection per console process, fanned out to every browser subscription.
import type { TBreakerCommand, TBreakerCommandResult, TGatewayView, TLiveEvent } from "@tta/domain";
import type { Envelope } from "./event-hub.ts";

/** A live event with the id the console gave it (for tracked() and replay after a reconnect). */
export type LiveEnvelope = Envelope<TLiveEvent>;

export interface LiveSource {
  readonly mode: "redis" | "admin-api";
  /** Every gateway that is live, and those whose heartbeat stopped recently (`stale: true`). */
  state(): Promise<TGatewayView[]>;
  /**
   * Every event of every gateway, from now on; with `lastEventId`, first the events after it that
   * are still buffered. Returns the unsubscribe function.
   */
  subscribe(listener: (envelope: LiveEnvelope) => void, lastEventId?: string | null): () => void;
  /** Sends one command to every gateway; resolves with who got it and who applied it. */
  sendBreakerCommand(command: TBreakerCommand): Promise<TBreakerCommandResult>;
  close(): Promise<void>;
}

/** The source itself is unreachable (not a gateway): the operations view cannot be built. */
export class LiveUnavailableError extends Error {
  override name = "LiveUnavailableError";
}

/** Where live sources report; console by default. */
export type LiveLog = Pick<Console, "info" | "warn" | "error">;
