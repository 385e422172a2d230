// The crisis classifier for the console's "try a message" box: a running gateway's own (its admin
// API, POST /safety/classify: both stages of the built-in model, or whatever the gateway runs),
// so the box shows what the data plane does. Live gateways first (their advertised admin URLs),
// then GATEWAY_ADMIN_URLS; 3 s each. When none answers, the console's copy of the first stage
// answers and the result says so: it can flag what a gateway's second stage would clear.
import type { ClassifierVerdict } from "@tta/safety";
import type { LiveSource } from "../live/live-source.ts";

export interface GatewayAdminAccess {
  /** Live gateways, whose heartbeats advertise their admin URLs. */
  live?: LiveSource;
  /** More admin URLs (GATEWAY_ADMIN_URLS). */
  urls?: readonly string[];
  token?: string;
}

export interface GatewayClassification {
  gatewayUrl: string;
  classifier: string | null;
  stages: number;
  /** null when the gateway runs no classifier (CRISIS_CLASSIFIER=off). */
  verdict: ClassifierVerdict | null;
  firstStage: ClassifierVerdict | null;
  secondStage: { probability: number; thresholds: { confident: number; review: number } } | null;
}

const TIMEOUT_MS = 3_000;

async function candidates(access: GatewayAdminAccess): Promise<string[]> {
  const live = access.live
    ? await access.live
        .state()
        .then((gateways) => gateways.filter((g) => !g.stale).map((g) => g.heartbeat.adminUrl))
        .catch(() => [])
    : [];
  return [...new Set([...live, ...(access.urls ?? [])].map((u) => u.replace(/\/+$/, "")))];
}

export async function classifyWithGateway(text: string, access: GatewayAdminAccess): Promise<GatewayClassification | null> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (access.token) headers.authorization = `Bearer ${access.token}`;
  for (const url of await candidates(access)) {
    try {
      const res = await fetch(`${url}/safety/classify`, { method: "POST", headers, body: JSON.stringify({ text }), signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!res.ok) continue;
      const body = (await res.json()) as Omit<GatewayClassification, "gatewayUrl">;
      if (typeof body.stages !== "number" || !("verdict" in body)) continue;
      return { gatewayUrl: url, ...body };
    } catch {
      // unreachable, slow or odd: the next one, then the console's own first stage
    }
  }
  return null;
}
