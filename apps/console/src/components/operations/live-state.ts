// The operations view's model of every gateway: loaded from `operations.state`, then kept current by
// live events. Pure functions (no React), so the merge rules are unit tested. A snapshot may be a
// little older than the events already applied (in cluster mode it is the state a gateway last
// stored, up to one heartbeat ago), so per instance the newer of the two wins.
import { instanceAvailability, LIVE_STALE_AFTER_MS } from "@tta/domain/browser";
import type { TBreakerState, TInstanceAvailability, TGatewayHeartbeat, TGatewayLiveState, TInstanceState, TLiveEvent, TTrafficRollup } from "@tta/domain/browser";

/** One gateway as `operations.state` returns it (TGatewayView); `stale` when the server already knows it went quiet. */
export type GatewaySnapshot = TGatewayLiveState & { stale?: boolean };

export interface InstanceView extends TInstanceState {
  /** When the score was last known (event time, or the snapshot's heartbeat time). */
  healthAt: number;
}

export interface GatewayView {
  heartbeat: TGatewayHeartbeat;
  /** The server said so; the page also greys out a gateway whose heartbeat is too old. */
  staleFlag: boolean;
  instances: Record<string, InstanceView>;
  traffic: TTrafficRollup | null;
}

export interface LiveView {
  gateways: Record<string, GatewayView>;
  /** Set when an event names something the view does not know yet: time to load the snapshot again. */
  incomplete: boolean;
}

export const emptyView: LiveView = { gateways: {}, incomplete: false };

export const instanceKey = (service: string, instance: string) => `${service}|${instance}`;

/** A gateway whose last heartbeat is older than this is shown as stale (the server's rule too). */
export const STALE_AFTER_MS = LIVE_STALE_AFTER_MS;

export function isStale(gateway: GatewayView, now: number): boolean {
  return gateway.staleFlag || now - gateway.heartbeat.at > STALE_AFTER_MS;
}

function mergeInstance(fresh: TInstanceState, snapshotAt: number, known: InstanceView | undefined): InstanceView {
  const merged: InstanceView = { ...fresh, healthAt: snapshotAt };
  if (!known) return merged;
  if (known.healthAt > snapshotAt) {
    merged.score = known.score;
    merged.inRotation = known.inRotation;
    merged.healthAt = known.healthAt;
  }
  if (known.breaker.changedAt > fresh.breaker.changedAt) merged.breaker = known.breaker;
  return merged;
}

/** Replaces the list of gateways with the snapshot's, keeping what newer events already said. */
export function applySnapshot(view: LiveView, snapshot: readonly GatewaySnapshot[]): LiveView {
  const gateways: Record<string, GatewayView> = {};
  for (const s of snapshot) {
    const id = s.heartbeat.gatewayId;
    const known = view.gateways[id];
    const heartbeat = known && known.heartbeat.at > s.heartbeat.at ? known.heartbeat : s.heartbeat;
    const instances: Record<string, InstanceView> = {};
    for (const i of s.instances) {
      const key = instanceKey(i.service, i.instance);
      instances[key] = mergeInstance(i, s.heartbeat.at, known?.instances[key]);
    }
    const traffic = known?.traffic && (!s.traffic || known.traffic.at > s.traffic.at) ? known.traffic : s.traffic;
    gateways[id] = { heartbeat, staleFlag: Boolean(s.stale) && heartbeat === s.heartbeat, instances, traffic };
  }
  return { gateways, incomplete: false };
}

function withInstance(view: LiveView, gatewayId: string, service: string, instance: string, update: (i: InstanceView) => InstanceView): LiveView {
  const gateway = view.gateways[gatewayId];
  const key = instanceKey(service, instance);
  const current = gateway?.instances[key];
  if (!gateway || !current) return { ...view, incomplete: true };
  return {
    ...view,
    gateways: { ...view.gateways, [gatewayId]: { ...gateway, instances: { ...gateway.instances, [key]: update(current) } } },
  };
}

export function applyEvent(view: LiveView, event: TLiveEvent): LiveView {
  switch (event.type) {
    case "gateway.heartbeat": {
      const gateway = view.gateways[event.gatewayId];
      if (!gateway) {
        const added: GatewayView = { heartbeat: event, staleFlag: false, instances: {}, traffic: null };
        return { gateways: { ...view.gateways, [event.gatewayId]: added }, incomplete: true };
      }
      if (gateway.heartbeat.at > event.at) return view;
      return { ...view, gateways: { ...view.gateways, [event.gatewayId]: { ...gateway, heartbeat: event, staleFlag: false } } };
    }
    case "breaker.transition":
      return withInstance(view, event.gatewayId, event.service, event.instance, (i) =>
        i.breaker.changedAt > event.at
          ? i
          : {
              ...i,
              breaker: {
                state: event.to,
                forced: event.forced,
                failures: event.to === "closed" ? 0 : i.breaker.failures,
                changedAt: event.at,
                rolling: event.to === "closed" && event.from !== "closed" ? { ...i.breaker.rolling, successes: 0, failures: 0, connectionFailures: 0, rejects: 0 } : i.breaker.rolling,
                held: null, // the next snapshot says whether it is still held
              },
            },
      );
    case "health.change":
      return withInstance(view, event.gatewayId, event.service, event.instance, (i) =>
        i.healthAt > event.at ? i : { ...i, score: event.score, inRotation: event.inRotation, healthAt: event.at },
      );
    case "traffic.rollup": {
      const gateway = view.gateways[event.gatewayId];
      if (!gateway) return { ...view, incomplete: true };
      return { ...view, gateways: { ...view.gateways, [event.gatewayId]: { ...gateway, traffic: event } } };
    }
  }
}

/** What one gateway says about one instance, for the per-gateway breaker cells. */
export interface GatewayInstanceCell {
  gatewayId: string;
  stale: boolean;
  instance: InstanceView;
}

/** One service instance across every gateway that knows it. */
export interface InstanceRow {
  service: string;
  instance: string;
  source: TInstanceState["source"];
  /** The lowest score among live gateways (all gateways when none is live). */
  score: number;
  /** In rotation on every live gateway that knows the instance. */
  inRotation: boolean;
  inRotationOn: number;
  reportedBy: number;
  /** The worst breaker state among live gateways: open, then half-open, then closed. */
  breaker: TBreakerState;
  /** From inRotation and breaker: "breaker_open" = in rotation (healthy by its checks) but its breaker refuses traffic. */
  availability: TInstanceAvailability;
  forced: boolean;
  activeRequests: number;
  lastCheck: { at: number; ok: boolean | null; error: string | null } | null;
  perGateway: GatewayInstanceCell[];
}

const BREAKER_RANK: Record<TBreakerState, number> = { closed: 0, half_open: 1, open: 2 };

export function instanceRows(view: LiveView, now: number): InstanceRow[] {
  const cells = new Map<string, GatewayInstanceCell[]>();
  for (const [gatewayId, gateway] of Object.entries(view.gateways)) {
    const stale = isStale(gateway, now);
    for (const [key, instance] of Object.entries(gateway.instances)) {
      const list = cells.get(key) ?? [];
      list.push({ gatewayId, stale, instance });
      cells.set(key, list);
    }
  }
  const rows: InstanceRow[] = [];
  for (const list of cells.values()) {
    list.sort((a, b) => a.gatewayId.localeCompare(b.gatewayId));
    const live = list.filter((c) => !c.stale);
    const counted = (live.length ? live : list).map((c) => c.instance);
    const first = list[0]!.instance;
    let lastCheck: InstanceRow["lastCheck"] = null;
    for (const i of counted) {
      if (i.lastCheckAt !== null && (!lastCheck || i.lastCheckAt > lastCheck.at)) lastCheck = { at: i.lastCheckAt, ok: i.lastCheckOk, error: i.lastCheckError };
    }
    const inRotationOn = counted.filter((i) => i.inRotation).length;
    const breaker = counted.reduce<TBreakerState>((worst, i) => (BREAKER_RANK[i.breaker.state] > BREAKER_RANK[worst] ? i.breaker.state : worst), "closed");
    rows.push({
      service: first.service,
      instance: first.instance,
      source: counted.some((i) => i.source === "registered") ? "registered" : "static",
      score: Math.min(...counted.map((i) => i.score)),
      inRotation: inRotationOn === counted.length,
      inRotationOn,
      reportedBy: counted.length,
      breaker,
      availability: instanceAvailability(inRotationOn === counted.length, breaker),
      forced: counted.some((i) => i.breaker.forced !== "none"),
      activeRequests: counted.reduce((sum, i) => sum + i.activeRequests, 0),
      lastCheck,
      perGateway: list,
    });
  }
  return rows.sort((a, b) => a.service.localeCompare(b.service) || a.instance.localeCompare(b.instance));
}

/** Rows grouped by service, services in name order. */
export function byService(rows: InstanceRow[]): Array<{ service: string; rows: InstanceRow[] }> {
  const groups = new Map<string, InstanceRow[]>();
  for (const r of rows) groups.set(r.service, [...(groups.get(r.service) ?? []), r]);
  return [...groups.entries()].map(([service, list]) => ({ service, rows: list }));
}
