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
    escalated: e.escalated,
    userId: e.userId,
    sessionId: e.sessionId,
    routeName: e.routeName,
    excerpt: clip(maskPii(e.excerpt)), // mask, then cut: a cut value could escape the detectors
    signals: maskForLog(e.signals) as object,
    correlationId: e.correlationId,
    createdAt: e.detectedAt,
  }));
  const details = new Map(events.map((e) => [e.id, e.details]));
  const col = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  // One statement per table with unnest: Prisma's createMany costs ~0.5 ms of CPU per row here.
  return db.$transaction(async (tx) => {
    const created = await tx.$queryRaw<Array<{ id: string }>>`
      insert into therapeutic_events (id, type, severity, status, escalated, user_id, session_id, route_name, excerpt, signals, correlation_id, created_at)
      select id, type, severity::"Severity", 'open', escalated, user_id, session_id, route_name, excerpt, signals::jsonb, correlation_id, created_at
      from unnest(${col("id")}::text[], ${col("type")}::text[], ${col("severity")}::text[], ${col("escalated")}::boolean[], ${col("userId")}::text[],
                  ${col("sessionId")}::text[], ${col("routeName")}::text[], ${col("excerpt")}::text[], ${rows.map((r) => JSON.stringify(r.signals))}::text[],
                  ${col("correlationId")}::text[], ${rows.map((r) => r.createdAt.toISOString())}::timestamptz[])
        as e(id, type, severity, escalated, user_id, session_id, route_name, excerpt, signals, correlation_id, created_at)
      on conflict (id) do nothing
      returning id`;
    const inserted = new Set(created.map((c) => c.id));
    if (inserted.size === 0) return { inserted: [] };
    const fresh = rows.filter((r) => inserted.has(r.id));
    const audit = fresh.map((r) =>
      JSON.stringify(
        maskForLog({
          type: r.type,
          severity: r.severity,
          escalated: r.escalated,
          routeName: r.routeName,
          userId: r.userId,
          sessionId: r.sessionId,
          excerpt: r.excerpt,
          signals: r.signals,
          ...details.get(r.id),
        }),
      ),
    );
    const ids = fresh.map((r) => r.id);
    await tx.$executeRaw`
      insert into audit_log (id, actor_id, actor_label, action, entity_type, entity_id, after, correlation_id, created_at)
      select id, ${actor.id}, ${actor.label}, 'event.detected', 'therapeutic_event', entity_id, after::jsonb, correlation_id, created_at
      from unnest(${fresh.map(() => newId("audit"))}::text[], ${ids}::text[], ${audit}::text[], ${fresh.map((r) => r.correlationId)}::text[],
                  ${fresh.map((r) => r.createdAt.toISOString())}::timestamptz[])
        as a(id, entity_id, after, correlation_id, created_at)`;
    await tx.$executeRaw`select pg_notify(${CHANNELS.therapeuticEvent}, id) from unnest(${ids}::text[]) as id`;
    return { inserted: ids };
  });
}
