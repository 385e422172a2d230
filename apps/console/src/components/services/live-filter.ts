// The operations view's live model narrowed to one service, so the service page can draw it with
// the operations page's own tables and charts. Pure, so it is unit tested.
import type { LiveView } from "../operations/live-state";
import type { TrafficBuffer } from "../operations/traffic-buffer";

/** Every gateway, with only this service's instances (the traffic roll-up is left to serviceTraffic). */
export function serviceView(view: LiveView, service: string): LiveView {
  const gateways: LiveView["gateways"] = {};
  for (const [id, gateway] of Object.entries(view.gateways)) {
    const instances = Object.fromEntries(Object.entries(gateway.instances).filter(([, i]) => i.service === service));
    gateways[id] = { ...gateway, instances };
  }
  return { ...view, gateways };
}

/** The roll-ups with only the routes that sent traffic to this service. */
export function serviceTraffic(traffic: TrafficBuffer, service: string): TrafficBuffer {
  return { rollups: traffic.rollups.map((r) => ({ ...r, routes: r.routes.filter((route) => route.service === service) })) };
}
