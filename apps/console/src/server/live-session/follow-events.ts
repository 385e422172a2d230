// The console's follow stream, one event at a time: a gateway's follow event read (validated,
// normalised, masked once more whatever the gateway did) and each event written as SSE.
import { FOLLOW_EVENTS, ZFollowedMessage, type TFollowedMessage, type TLiveSessionProblem } from "@tta/domain";
import { maskPii } from "@tta/safety";

const asIso = (at: unknown): string | null => {
  if (typeof at !== "string" && typeof at !== "number") return null;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** One `data:` of the gateway's GET /ws/sessions/{id}/follow, or null when it is not a message. */
export function parseFollowedMessage(data: string): TFollowedMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  if (!json || typeof json !== "object") return null;
  const { direction, at, text, offset } = json as Record<string, unknown>;
  const parsed = ZFollowedMessage.safeParse({
    direction,
    at: asIso(at),
    text,
    ...(typeof offset === "string" || typeof offset === "number" ? { offset: String(offset) } : {}),
  });
  return parsed.success ? { ...parsed.data, text: maskPii(parsed.data.text) } : null;
}

const encoder = new TextEncoder();

/** `event:` and one `data:` line (JSON never holds a raw newline). */
export function sseEvent(event: string, data: unknown): Uint8Array<ArrayBuffer> {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export const sseComment = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(`: ${text}\n\n`);

export const messageEvent = (message: TFollowedMessage) => sseEvent(FOLLOW_EVENTS.message, message);
export const problemEvent = (problem: TLiveSessionProblem) => sseEvent(FOLLOW_EVENTS.problem, problem);
export const endEvent = () => sseEvent(FOLLOW_EVENTS.end, {});
