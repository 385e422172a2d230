// What the console last knew of each gateway, so that one whose heartbeat stopped is still shown
// (marked stale) for a while instead of vanishing: its state key expires a few seconds after its
// last heartbeat, or its admin API stops answering.
import { LIVE_STALE_AFTER_MS, type TGatewayHeartbeat, type TGatewayLiveState, type TGatewayView } from "@tta/domain";

/** A gateway silent for this long is dropped from the view altogether. */
export const FORGET_AFTER_MS = 60_000;

export class GatewayMemory {
  private readonly states = new Map<string, TGatewayLiveState>();

  constructor(private readonly now: () => number = Date.now) {}

  remember(state: TGatewayLiveState): void {
    const known = this.states.get(state.heartbeat.gatewayId);
    if (!known || known.heartbeat.at <= state.heartbeat.at) this.states.set(state.heartbeat.gatewayId, state);
  }

  heartbeat(heartbeat: TGatewayHeartbeat): void {
    const known = this.states.get(heartbeat.gatewayId);
    if (known && known.heartbeat.at < heartbeat.at) this.states.set(heartbeat.gatewayId, { ...known, heartbeat });
  }

  /**
   * Every remembered gateway, sorted by id. `fresh`: the ids the source has a current state for
   * (its key exists, its admin API answered); the others are stale by definition.
   */
  views(fresh: ReadonlySet<string>): TGatewayView[] {
    const now = this.now();
    const out: TGatewayView[] = [];
    for (const [id, state] of this.states) {
      const age = now - state.heartbeat.at;
      if (!fresh.has(id) && age > FORGET_AFTER_MS) {
        this.states.delete(id);
        continue;
      }
      out.push({ ...state, stale: !fresh.has(id) || age > LIVE_STALE_AFTER_MS });
    }
    return out.sort((a, b) => a.heartbeat.gatewayId.localeCompare(b.heartbeat.gatewayId));
  }
}
