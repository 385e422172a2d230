// The crisis classifier for the console's "try a message" box: a running gateway's own (its admin
// API, POST /safety/classify: both stages of the built-in model, or whatever the gateway runs),
// so the box shows what the data plane does. Live gateways first (their advertised admin URLs),
// then GATEWAY_ADMIN_URLS; 3 s each. When none answers, the console's copy of the first stage
// answers and the result says so: it can flag what a gateway's second stage would clear.
import type { ClassifierVerdict } from "@tta/safety";
import { adminCandidates, adminHeaders, type GatewayAdminAccess } from "../gateway-admin/candidates.ts";

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

export async function classifyWithGateway(text: string, access: GatewayAdminAccess): Promise<GatewayClassification | null> {
  const headers = adminHeaders(access, { "content-type": "application/json" });
  for (const url of await adminCandidates(access)) {
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
