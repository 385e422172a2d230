// The overview's gateway and upstream figures, from the same live view the Operations page keeps
// (operations/live-state.ts): gateways up, the revisions they run, open breakers and instances
// out of rotation, each counted once per service instance across gateways.
import { instanceRows, isStale, type LiveView } from "../operations/live-state";

export interface NamedInstance {
  service: string;
  instance: string;
}

export interface LiveFigures {
  gatewaysUp: number;
  gatewaysKnown: number;
  /** Revisions the live gateways run, lowest first (null: a gateway with no config loaded). */
  runningRevisions: Array<number | null>;
  breakersOpen: NamedInstance[];
  breakersHalfOpen: number;
  outOfRotation: NamedInstance[];
  instances: number;
}

const named = ({ service, instance }: NamedInstance): NamedInstance => ({ service, instance });

export function liveFigures(view: LiveView, now: number): LiveFigures {
  const gateways = Object.values(view.gateways);
  const live = gateways.filter((g) => !isStale(g, now));
  const rows = instanceRows(view, now);
  const revisions = new Set(live.map((g) => g.heartbeat.revision));
  return {
    gatewaysUp: live.length,
    gatewaysKnown: gateways.length,
    runningRevisions: [...revisions].sort((a, b) => (a ?? -1) - (b ?? -1)),
    breakersOpen: rows.filter((r) => r.breaker === "open").map(named),
    breakersHalfOpen: rows.filter((r) => r.breaker === "half_open").length,
    outOfRotation: rows.filter((r) => !r.inRotation).map(named),
    instances: rows.length,
  };
}
