// GET /live/traffic on every gateway's admin API (apps/gateway/src/admin/live-traffic-endpoint.ts):
// the roll-ups each gateway keeps for a time range, so the operations page can draw 15 min or 1 h
// (and the first 5 min at once) without having watched them. Asked in parallel; a gateway that does
// not answer is named in `unreachable`, not an error: the others' traffic is still worth showing.
import { ZTrafficHistory, type TTrafficHistory, type TTrafficRange } from "@tta/domain";
import { adminCandidates, adminHeaders, type GatewayAdminAccess } from "./candidates.ts";

export const HISTORY_TIMEOUT_MS = 2_000;

export interface TrafficHistories {
  gateways: TTrafficHistory[];
  /** Admin URLs that failed, with why. */
  unreachable: string[];
}

async function readOne(url: string, range: TTrafficRange, headers: Record<string, string>): Promise<TTrafficHistory | string> {
  try {
    const res = await fetch(`${url}/live/traffic?range=${range}`, { headers, signal: AbortSignal.timeout(HISTORY_TIMEOUT_MS) });
    if (!res.ok) return `${url} answered ${res.status}`;
    const parsed = ZTrafficHistory.safeParse(await res.json().catch(() => null));
    // A gateway older than Console v2 has no such endpoint (404) or answers something else.
    return parsed.success ? parsed.data : `${url} answered something that is not a traffic history`;
  } catch (error) {
    return `${url} ${error instanceof Error && error.name === "TimeoutError" ? `did not answer within ${HISTORY_TIMEOUT_MS / 1000} s` : "is unreachable"}`;
  }
}

export async function readTrafficHistories(access: GatewayAdminAccess, range: TTrafficRange): Promise<TrafficHistories> {
  const urls = await adminCandidates(access);
  const headers = adminHeaders(access);
  const answers = await Promise.all(urls.map((url) => readOne(url, range, headers)));
  const byGateway = new Map<string, TTrafficHistory>();
  const unreachable: string[] = [];
  for (const answer of answers) {
    if (typeof answer === "string") unreachable.push(answer);
    // The same gateway can be a candidate twice (its advertised URL and GATEWAY_ADMIN_URLS).
    else if (!byGateway.has(answer.gatewayId)) byGateway.set(answer.gatewayId, answer);
  }
  return { gateways: [...byGateway.values()].sort((a, b) => a.gatewayId.localeCompare(b.gatewayId)), unreachable };
}
