// POST /cache/purge on the gateway admin API (apps/gateway/src/admin/cache-endpoint.ts), on the
// first candidate that answers. With Redis every gateway shares one cache store, and standalone
// there is one gateway: one successful purge is the whole purge. A gateway that is down or answers
// 5xx other than GW_CACHE_UNAVAILABLE is passed over; a refusal (4xx) is the gateway's last word.
import { cachePurgeBody, type TCachePurgeInput } from "@tta/domain";
import { adminCandidates, adminHeaders, type GatewayAdminAccess } from "./candidates.ts";

export const PURGE_TIMEOUT_MS = 5_000;

export type CachePurgeProblem = "no_gateway" | "gateway_refused" | "cache_unavailable";

export class CachePurgeError extends Error {
  override readonly name = "CachePurgeError";
  constructor(
    readonly code: CachePurgeProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface CachePurged {
  purged: number;
  gatewayUrl: string;
}

async function gatewayError(res: Response): Promise<{ code: string | null; message: string | null }> {
  const body: unknown = await res.json().catch(() => null);
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return { code: typeof error?.code === "string" ? error.code : null, message: typeof error?.message === "string" ? error.message : null };
}

export async function purgeGatewayCache(access: GatewayAdminAccess, scope: TCachePurgeInput, correlationId: string): Promise<CachePurged> {
  const body = JSON.stringify(cachePurgeBody(scope));
  const headers = adminHeaders(access, { "content-type": "application/json", "x-request-id": correlationId });
  const unreachable: string[] = [];
  const urls = await adminCandidates(access);
  for (const url of urls) {
    let res: Response;
    try {
      res = await fetch(`${url}/cache/purge`, { method: "POST", headers, body, signal: AbortSignal.timeout(PURGE_TIMEOUT_MS) });
    } catch (error) {
      unreachable.push(`${url} ${error instanceof Error && error.name === "TimeoutError" ? `did not answer within ${PURGE_TIMEOUT_MS / 1000} s` : "is unreachable"}`);
      continue;
    }
    if (res.ok) {
      const answer = (await res.json().catch(() => null)) as { purged?: unknown } | null;
      if (typeof answer?.purged === "number") return { purged: answer.purged, gatewayUrl: url };
      unreachable.push(`${url} answered something that is not a purge result`);
      continue;
    }
    const { code, message } = await gatewayError(res);
    const said = `${code ?? `HTTP ${res.status}`}${message ? `: ${message}` : ""}`;
    if (code === "GW_CACHE_UNAVAILABLE") throw new CachePurgeError("cache_unavailable", `The gateway at ${url} could not reach its cache store (${said}). Nothing was purged; try again.`);
    if (res.status >= 500) {
      unreachable.push(`${url} answered ${res.status}${code ? ` ${code}` : ""}`);
      continue;
    }
    throw new CachePurgeError("gateway_refused", `The gateway at ${url} refused the purge (${said}).`);
  }
  if (urls.length === 0) throw new CachePurgeError("no_gateway", "No gateway admin API is configured or live to purge the cache (GATEWAY_ADMIN_URLS).");
  throw new CachePurgeError("no_gateway", `No gateway could be reached to purge the cache: ${unreachable.join("; ")}.`);
}
