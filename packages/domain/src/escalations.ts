// The clinicians' escalation queue as the console serves it: therapeutic events (masked excerpts
// and signals only), their timeline, the counts other roles see, and the live change feed.
import { z } from "zod";

export const EVENT_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const ZEventSeverity = z.enum(EVENT_SEVERITIES);
export type TEventSeverity = z.infer<typeof ZEventSeverity>;

export const EVENT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export const ZEventStatus = z.enum(EVENT_STATUSES);
export type TEventStatus = z.infer<typeof ZEventStatus>;

/** One signal as the gateway recorded it; `match` is already masked. Other fields are kept. */
export const ZEventSignal = z.looseObject({
  category: z.string(),
  severity: ZEventSeverity,
  rule: z.string().optional(),
  match: z.string().optional(),
  path: z.string().optional(),
});
export type TEventSignal = z.infer<typeof ZEventSignal>;

export const ZEventPerson = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type TEventPerson = z.infer<typeof ZEventPerson>;

/** A row of the queue: what a clinician needs to triage, the excerpt masked. */
export const ZEscalationSummary = z.object({
  id: z.string(),
  type: z.string(),
  severity: ZEventSeverity,
  status: ZEventStatus,
  escalated: z.boolean(),
  routeName: z.string().nullable(),
  excerpt: z.string(),
  categories: z.array(z.string()),
  createdAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  assignee: ZEventPerson.nullable(),
  noteCount: z.number().int().min(0),
  /** Detections folded into this event (1 = detected once): repeats of one client over its rate limit. */
  repeatCount: z.number().int().min(1),
  /** When the latest of them was detected (createdAt when detected once). */
  lastSeenAt: z.date(),
});
export type TEscalationSummary = z.infer<typeof ZEscalationSummary>;

export const TIMELINE_KINDS = ["created", "acknowledged", "assigned", "note", "resolved", "repeated", "other"] as const;

export const ZTimelineEntry = z.object({
  at: z.date(),
  kind: z.enum(TIMELINE_KINDS),
  /** The audit action ("event.acknowledge"), or "event.created" for the event itself. */
  action: z.string(),
  /** Who did it (a console user's email), or null for the gateway. */
  actor: z.string().nullable(),
  /** The note, the assignee's name, the route that escalated: whatever the step carries. */
  text: z.string().nullable(),
  correlationId: z.string().nullable(),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

export const ZEscalationDetail = ZEscalationSummary.extend({
  signals: z.array(ZEventSignal),
  userId: z.string().nullable(),
  sessionId: z.string().nullable(),
  /** How the message came (the gateway's `details.channel`): "websocket" for a live session; null when not recorded (HTTP). */
  channel: z.string().nullable(),
  correlationId: z.string(),
  /** Oldest first. */
  timeline: z.array(ZTimelineEntry),
});
export type TEscalationDetail = z.infer<typeof ZEscalationDetail>;

const perSeverity = z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), critical: z.number().int() });

/** What operators and admins without the clinician role see: numbers, never text. */
export const ZEscalationCounts = z.object({
  byStatus: z.object({ open: z.number().int(), acknowledged: z.number().int(), resolved: z.number().int() }),
  /** Open and acknowledged events only. */
  bySeverity: perSeverity,
  unresolved: z.number().int(),
  oldestUnresolvedAt: z.date().nullable(),
});
export type TEscalationCounts = z.infer<typeof ZEscalationCounts>;

export const ZEventId = z.string().trim().regex(/^evt_[0-9a-z]{1,40}$/, "must be an event id (evt_…)");

export const ZEscalationRef = z.object({ id: ZEventId });
export const ZEscalationAssign = z.object({ id: ZEventId, assigneeId: z.string().trim().min(1).max(64) });
export const ZEscalationNote = z.object({
  id: ZEventId,
  body: z.string().trim().min(1, "write the note first").max(4000, "at most 4000 characters"),
});

/**
 * The live feed: an event was created or changed (its id only: the browser reloads the queue),
 * or "resync" when changes may have been missed (the console's database listener reconnected).
 */
export const ZEscalationChange = z.discriminatedUnion("type", [
  z.object({ type: z.literal("event"), eventId: z.string() }),
  z.object({ type: z.literal("resync") }),
]);
export type TEscalationChange = z.infer<typeof ZEscalationChange>;
