// The gateway admin API's session endpoints (apps/gateway/src/websocket/PROTOCOL.md): POST
// /ws/sessions/{id}/messages and GET /ws/sessions/{id}/follow, tried on each candidate gateway in
// turn (the event's own first) until one has the session. A gateway that is down or answers 5xx
// is passed over; 404 GW_WS_SESSION_NOT_FOUND from every one that answered means the session is
// gone. A POST that timed out is not sent again elsewhere: it may have reached the player.
import { adminCandidates, adminHeaders, type GatewayAdminAccess } from "../gateway-admin/candidates.ts";
import { LiveSessionError } from "./errors.ts";
import type { SessionTarget } from "./target.ts";

export const REQUEST_TIMEOUT_MS = 3_000;

export interface SentMessage {
  gatewayUrl: string;
  sessionId: string;
  offset: string | null;
}

export interface OpenedFollow {
  gatewayUrl: string;
  body: ReadableStream<Uint8Array>;
}

const sessionPath = (target: SessionTarget, tail: string) => `/ws/sessions/${encodeURIComponent(target.sessionId)}/${tail}`;
const isTimeout = (error: unknown) => error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");

async function gatewayCode(res: Response): Promise<string | null> {
  const body: unknown = await res.json().catch(() => null);
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === "string" ? code : null;
}

/** What each candidate said, for the error when none of them took the call. */
class Attempts {
  readonly unreachable: string[] = [];
  gone = false;

  fail(url: string, why: string): void {
    this.unreachable.push(`${url} ${why}`);
  }

  /** The error once every candidate was tried. */
  error(what: string): LiveSessionError {
    if (this.gone) return new LiveSessionError("session_gone", "The player's live session has ended or expired (GW_WS_SESSION_NOT_FOUND).");
    if (this.unreachable.length === 0) return new LiveSessionError("no_gateway", `No gateway admin API is configured or live to ${what} (GATEWAY_ADMIN_URLS).`);
    return new LiveSessionError("no_gateway", `No gateway could be reached to ${what}: ${this.unreachable.join("; ")}.`);
  }
}

async function candidates(access: GatewayAdminAccess, target: SessionTarget): Promise<string[]> {
  return adminCandidates(access, target.gatewayId);
}

/** A non-2xx answer that is the gateway's last word (not "try another gateway"). */
async function refusal(res: Response, url: string, attempts: Attempts, what: string): Promise<LiveSessionError | null> {
  const code = await gatewayCode(res);
  if (res.status === 404 && code === "GW_WS_SESSION_NOT_FOUND") {
    attempts.gone = true;
    return null;
  }
  if (res.status >= 500) {
    attempts.fail(url, `answered ${res.status}${code ? ` ${code}` : ""}`);
    return null;
  }
  return new LiveSessionError("gateway_refused", `The gateway at ${url} refused to ${what}: ${code ?? `HTTP ${res.status}`}.`);
}

export async function sendSessionMessage(
  access: GatewayAdminAccess,
  target: SessionTarget,
  message: { text: string; from: { id: string; label: string } },
  correlationId: string,
): Promise<SentMessage> {
  const attempts = new Attempts();
  const body = JSON.stringify(message);
  const headers = adminHeaders(access, { "content-type": "application/json", "x-request-id": correlationId });
  for (const url of await candidates(access, target)) {
    let res: Response;
    try {
      res = await fetch(`${url}${sessionPath(target, "messages")}`, { method: "POST", headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      if (isTimeout(error)) {
        throw new LiveSessionError("gateway_timeout", `The gateway at ${url} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s; the message may or may not have reached the player.`, { cause: error });
      }
      attempts.fail(url, "is unreachable");
      continue;
    }
    if (res.ok) {
      const answer = (await res.json().catch(() => null)) as { sessionId?: unknown; offset?: unknown } | null;
      const offset = answer?.offset;
      return {
        gatewayUrl: url,
        sessionId: typeof answer?.sessionId === "string" ? answer.sessionId : target.sessionId,
        offset: typeof offset === "string" || typeof offset === "number" ? String(offset) : null,
      };
    }
    const refused = await refusal(res, url, attempts, "send the message");
    if (refused) throw refused;
  }
  throw attempts.error("send the message");
}

/** The gateway's follow stream, open (its answer's headers arrived); `signal` closes it. */
export async function openSessionFollow(access: GatewayAdminAccess, target: SessionTarget, signal: AbortSignal): Promise<OpenedFollow> {
  const attempts = new Attempts();
  const headers = adminHeaders(access, { accept: "text/event-stream" });
  for (const url of await candidates(access, target)) {
    if (signal.aborted) break;
    // The timeout covers the answer's headers only: the stream itself lasts as long as the follower.
    const opening = new AbortController();
    const timer = setTimeout(() => opening.abort(new DOMException("no answer in time", "TimeoutError")), REQUEST_TIMEOUT_MS);
    let res: Response;
    try {
      res = await fetch(`${url}${sessionPath(target, "follow")}`, { headers, signal: AbortSignal.any([signal, opening.signal]) });
    } catch (error) {
      if (signal.aborted) break;
      attempts.fail(url, isTimeout(error) ? `did not answer within ${REQUEST_TIMEOUT_MS / 1000} s` : "is unreachable");
      continue;
    } finally {
      clearTimeout(timer);
    }
    if (res.ok && res.body && (res.headers.get("content-type") ?? "").startsWith("text/event-stream")) return { gatewayUrl: url, body: res.body };
    if (res.ok) {
      await res.body?.cancel();
      attempts.fail(url, "answered something that is not an event stream");
      continue;
    }
    const refused = await refusal(res, url, attempts, "follow the session");
    if (refused) throw refused;
  }
  throw attempts.error("follow the session");
}
