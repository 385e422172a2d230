// Which gateways' admin APIs to ask, in order: the live ones (their heartbeats advertise their
// admin URLs), then GATEWAY_ADMIN_URLS; a preferred gateway (the one that saw an event, which holds
// its session when the gateways share no Redis) first.
import type { LiveSource } from "../live/live-source.ts";

export interface GatewayAdminAccess {
  /** Live gateways, whose heartbeats advertise their admin URLs. */
  live?: LiveSource;
  /** More admin URLs (GATEWAY_ADMIN_URLS). */
  urls?: readonly string[];
  token?: string;
}

export async function adminCandidates(access: GatewayAdminAccess, preferGatewayId?: string | null): Promise<string[]> {
  const live = access.live
    ? await access.live
        .state()
        .then((gateways) => gateways.filter((g) => !g.stale).sort((a, b) => Number(b.heartbeat.gatewayId === preferGatewayId) - Number(a.heartbeat.gatewayId === preferGatewayId)))
        .then((gateways) => gateways.map((g) => g.heartbeat.adminUrl))
        .catch(() => [])
    : [];
  return [...new Set([...live, ...(access.urls ?? [])].map((u) => u.replace(/\/+$/, "")))];
}

export function adminHeaders(access: GatewayAdminAccess, more: Record<string, string> = {}): Record<string, string> {
  return access.token ? { ...more, authorization: `Bearer ${access.token}` } : more;
}
