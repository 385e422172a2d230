// Therapeutic events as a gateway detected them (crisis, content or privacy violation): one
// transaction inserts the rows, writes an "event.detected" audit row per new event and NOTIFYs the
// console (CHANNELS.therapeuticEvent, delivered at commit). Ids are minted where the event was
// detected, so a batch sent again after a lost acknowledgement inserts nothing twice: only the
// rows actually inserted get an audit row and a notification. Text is masked here once more
// (excerpts, signals, audit), whatever the caller did.
import { CHANNELS, newId } from "@tta/domain";
import { maskForLog, maskPii } from "@tta/safety";
import type { Db } from "../client.ts";
import { SYSTEM_ACTOR, type Actor } from "../audit.ts";
import type { Severity } from "../generated/prisma/enums.ts";

export const MAX_EXCERPT_CHARS = 1_000;

export interface TherapeuticEventDraft {
  /** evt_…, minted by the detector (the idempotency key). */
  id: string;
  /** The crisis category (suicidal_ideation…), or "content_violation" / "privacy_violation". */
  type: string;
  severity: Severity;
  escalated: boolean;
  userId: string | null;
  sessionId: string | null;
  routeName: string | null;
  /** The player's words around the signals, PII already masked. */
  excerpt: string;
  /** { category, severity, rule, match (masked), path } per signal: never raw text. */
  signals: readonly object[];
  correlationId: string;
  /** When the gateway saw it (the row's created_at): a write delayed by an outage keeps its age. */
  detectedAt: Date;
  /** Extra facts for the audit row only (outcome, rules version…); masked before it is written. */
  details?: Record<string, unknown>;
}

export interface RecordedEvents {
  /** Ids inserted by this call; the others were already there. */
  inserted: string[];
}

const clip = (text: string) => (text.length > MAX_EXCERPT_CHARS ? `${text.slice(0, MAX_EXCERPT_CHARS - 1)}…` : text);

export async function recordTherapeuticEvents(db: Db, events: readonly TherapeuticEventDraft[], actor: Actor = SYSTEM_ACTOR): Promise<RecordedEvents> {
  if (events.length === 0) return { inserted: [] };
  const rows = events.map((e) => ({
    id: e.id,
    type: e.type,
    severity: e.severity,
    status: "open" as const,
    escalated: e.escalated,
    userId: e.userId,
    sessionId: e.sessionId,
    routeName: e.routeName,
    excerpt: clip(maskPii(e.excerpt)), // mask, then cut: a cut value could escape the detectors
    signals: maskForLog(e.signals) as object,
    correlationId: e.correlationId,
    createdAt: e.detectedAt,
  }));
  return db.$transaction(async (tx) => {
    const created = await tx.therapeuticEvent.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
    const inserted = new Set(created.map((c) => c.id));
    if (inserted.size === 0) return { inserted: [] };
    const fresh = rows.filter((r) => inserted.has(r.id));
    const details = new Map(events.map((e) => [e.id, e.details]));
    await tx.auditLog.createMany({
      data: fresh.map((r) => ({
        id: newId("audit"),
        actorId: actor.id,
        actorLabel: actor.label,
        action: "event.detected",
        entityType: "therapeutic_event",
        entityId: r.id,
        after: maskForLog({
          type: r.type,
          severity: r.severity,
          escalated: r.escalated,
          routeName: r.routeName,
          userId: r.userId,
          sessionId: r.sessionId,
          excerpt: r.excerpt,
          signals: r.signals,
          ...details.get(r.id),
        }) as object,
        correlationId: r.correlationId,
        createdAt: r.createdAt,
      })),
    });
    const ids = fresh.map((r) => r.id);
    await tx.$executeRaw`select pg_notify(${CHANNELS.therapeuticEvent}, id) from unnest(${ids}::text[]) as id`;
    return { inserted: ids };
  });
}
