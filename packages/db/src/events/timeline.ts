// An event's timeline, from the event row (created), the audit log (acknowledged, assigned,
// resolved, repeated, anything else done to it) and its notes (their text as written, for clinicians).
import type { TTimelineEntry } from "@tta/domain";

export const EVENT_ENTITY = "therapeutic_event";

/** Audit actions of the escalation steps (entity type EVENT_ENTITY, entity id = event id). */
export const EVENT_ACTIONS = {
  /** Written by recordTherapeuticEvents with the event; the timeline takes "created" from the row. */
  detected: "event.detected",
  /** Written by recordTherapeuticEvents for each detection folded into the event. */
  repeated: "event.repeated",
  acknowledge: "event.acknowledge",
  assign: "event.assign",
  addNote: "event.add_note",
  resolve: "event.resolve",
  /** Written by the gateway: the player's WebSocket session came back but missed messages could not all be replayed. */
  recoveryFailed: "event.session_recovery_failed",
  /** A clinician opened the live view of the event's WebSocket session (once per open). */
  sessionFollowed: "session.followed",
  /** A clinician sent the player a message in the session (its length is kept, not its text). */
  sessionMessageSent: "session.message_sent",
} as const;

export interface TimelineInput {
  event: { createdAt: Date; escalated: boolean; routeName: string | null; correlationId: string };
  audits: { action: string; actorLabel: string; createdAt: Date; after: unknown; correlationId: string }[];
  notes: { id: string; body: string; createdAt: Date; author: { email: string } | null }[];
}

const KIND: Record<string, TTimelineEntry["kind"]> = {
  [EVENT_ACTIONS.acknowledge]: "acknowledged",
  [EVENT_ACTIONS.assign]: "assigned",
  [EVENT_ACTIONS.resolve]: "resolved",
  [EVENT_ACTIONS.repeated]: "repeated",
};

function field(value: unknown, key: string): unknown {
  return value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

/** "Detected again (critical), refused by the rate limit": the excerpt stays in the repeat row. */
function repeatText(after: unknown): string {
  const severity = field(after, "severity");
  const refused = field(after, "outcome") === "crisis_refused";
  return `Detected again${typeof severity === "string" ? ` (${severity})` : ""}${refused ? ", refused by the rate limit" : ""}`;
}

/** "Sent the player a message (42 characters)": the audit row has the length, never the text. */
function messageText(after: unknown): string {
  const length = field(after, "length");
  return `Sent the player a message${typeof length === "number" ? ` (${length} characters)` : ""}`;
}

const OTHER_TEXT: Record<string, (after: unknown) => string> = {
  [EVENT_ACTIONS.sessionFollowed]: () => "Followed the live session",
  [EVENT_ACTIONS.sessionMessageSent]: messageText,
  [EVENT_ACTIONS.recoveryFailed]: () => "The player's real-time session reconnected, but some messages sent while they were away could not be recovered",
};

function assigneeText(after: unknown): string | null {
  const name = field(field(after, "assignee"), "name");
  return typeof name === "string" ? `Assigned to ${name}` : null;
}

export function buildTimeline({ event, audits, notes }: TimelineInput): TTimelineEntry[] {
  const created: TTimelineEntry = {
    at: event.createdAt,
    kind: "created",
    action: "event.created",
    actor: null,
    text: `${event.escalated ? "Escalated" : "Recorded"} by the gateway${event.routeName ? ` on route ${event.routeName}` : ""}`,
    correlationId: event.correlationId,
  };
  // A note's audit row holds a masked copy; the note itself is shown, with its audit row's id.
  const noteAudits = new Map(audits.filter((a) => a.action === EVENT_ACTIONS.addNote).map((a) => [field(a.after, "noteId"), a]));
  const steps = audits
    .filter((a) => a.action !== EVENT_ACTIONS.addNote && a.action !== EVENT_ACTIONS.detected)
    .map((a): TTimelineEntry => {
      const kind = KIND[a.action] ?? "other";
      const text = kind === "assigned" ? assigneeText(a.after) : kind === "repeated" ? repeatText(a.after) : kind === "other" ? (OTHER_TEXT[a.action]?.(a.after) ?? a.action) : null;
      return { at: a.createdAt, kind, action: a.action, actor: a.actorLabel, text, correlationId: a.correlationId };
    });
  const noteEntries = notes.map((n): TTimelineEntry => {
    const audit = noteAudits.get(n.id);
    return { at: n.createdAt, kind: "note", action: EVENT_ACTIONS.addNote, actor: audit?.actorLabel ?? n.author?.email ?? null, text: n.body, correlationId: audit?.correlationId ?? null };
  });
  // Stable: equal times keep created, then audit order, then notes.
  return [created, ...steps, ...noteEntries].sort((a, b) => a.at.getTime() - b.at.getTime());
}
