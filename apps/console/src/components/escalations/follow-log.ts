// What the live session panel keeps of a followed session: the messages in the order they came
// (the last MAX_FOLLOWED only; one offset once, should the gateway repeat it), and how each event
// of the console's follow stream changes the panel.
import { FOLLOW_EVENTS, ZFollowedMessage, ZLiveSessionProblem, type TFollowedMessage, type TLiveSessionProblem } from "@tta/domain/browser";

export const MAX_FOLLOWED = 200;

export type FollowUpdate = { kind: "message"; message: TFollowedMessage } | { kind: "problem"; problem: TLiveSessionProblem } | { kind: "end" } | { kind: "ignore" };

/** One event of /api/escalations/{id}/follow, by its name and data. */
export function readFollowEvent(name: string, data: string): FollowUpdate {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { kind: "ignore" };
  }
  if (name === FOLLOW_EVENTS.message) {
    const message = ZFollowedMessage.safeParse(json);
    return message.success ? { kind: "message", message: message.data } : { kind: "ignore" };
  }
  if (name === FOLLOW_EVENTS.problem) {
    const problem = ZLiveSessionProblem.safeParse(json);
    return { kind: "problem", problem: problem.success ? problem.data : { code: "stream_lost", message: "The live stream stopped." } };
  }
  return name === FOLLOW_EVENTS.end ? { kind: "end" } : { kind: "ignore" };
}

export function appendFollowed(log: readonly TFollowedMessage[], message: TFollowedMessage, max = MAX_FOLLOWED): TFollowedMessage[] {
  if (message.offset !== undefined && log.some((m) => m.offset === message.offset && m.direction === message.direction)) return log as TFollowedMessage[];
  const next = [...log, message];
  return next.length > max ? next.slice(next.length - max) : next;
}

export const DIRECTION_LABEL: Record<TFollowedMessage["direction"], string> = { in: "Player", out: "To the player" };
