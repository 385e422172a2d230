// One call to the gateway's /registry/instances, bounded in time. Answers come back as values
// (status + parsed body, or the network error); deciding what to do with them is registration.ts's job.
export interface AdminCall {
  adminUrl: string;
  token: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type AdminAnswer =
  | { ok: true; status: number; body: Record<string, unknown> }
  | { ok: false; status: number; code: string; retryable: boolean }
  | { ok: false; status: 0; code: "NETWORK"; retryable: true; reason: string };

export async function callRegistry(method: "POST" | "PUT" | "DELETE", body: unknown, call: AdminCall): Promise<AdminAnswer> {
  const signals = [AbortSignal.timeout(call.timeoutMs), ...(call.signal ? [call.signal] : [])];
  let res: Response;
  let text: string;
  try {
    res = await fetch(new URL("/registry/instances", call.adminUrl), {
      method,
      headers: { authorization: `Bearer ${call.token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
    text = await res.text();
  } catch (error) {
    // fetch's errors carry the URL and the cause, never the request's headers (so never the token).
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { ok: false, status: 0, code: "NETWORK", retryable: true, reason: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // a proxy's HTML error page, say: judged by its status alone
  }
  if (res.ok) return { ok: true, status: res.status, body: isRecord(parsed) ? parsed : {} };
  const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : {};
  const code = typeof error.code === "string" ? error.code : `HTTP_${res.status}`;
  // 5xx, 429 and network trouble pass; a refusal of the request itself (400, 401, 403) does not.
  const retryable = res.status >= 500 || res.status === 429 || error.retryable === true;
  return { ok: false, status: res.status, code, retryable };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
