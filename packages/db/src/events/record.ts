// Therapeutic events as a gateway detected them (crisis, content or privacy violation): one
// transaction inserts the rows, writes an "event.detected" audit row per new event and NOTIFYs the
// console (CHANNELS.therapeuticEvent, delivered at commit). A detection marked `fold` (its client
// was over its rate limit) joins the newest unresolved event of its foldKey instead: a repeat row
// (its id, severity, masked excerpt), an "event.repeated" audit row, the event's repeat count, last
// seen time and severity raised, and a NOTIFY of the event. Ids are minted where the event was
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
  /** Who, where and what (an opaque hash: route, type, user or client address); null = never folds. */
  foldKey?: string | null;
  /** Join the newest unresolved event of foldKey when there is one (a repeat over the rate limit). */
  fold?: boolean;
}

export interface RecordedEvents {
  /** Ids inserted by this call as events; the others were already there or were folded. */
  inserted: string[];
  /** Ids inserted by this call as repeats of an unresolved event. */
  folded: string[];
}

const clip = (text: string) => (text.length > MAX_EXCERPT_CHARS ? `${text.slice(0, MAX_EXCERPT_CHARS - 1)}…` : text);

export async function recordTherapeuticEvents(db: Db, events: readonly TherapeuticEventDraft[], actor: Actor = SYSTEM_ACTOR): Promise<RecordedEvents> {
  if (events.length === 0) return { inserted: [], folded: [] };
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
    foldKey: e.foldKey ?? null,
    fold: e.fold === true && e.foldKey != null,
  }));
  const details = new Map(events.map((e) => [e.id, e.details]));
  return db.$transaction(async (tx) => {
    const ids = rows.map((r) => r.id);
    const seen = await tx.$queryRaw<Array<{ id: string }>>`
      select id from therapeutic_events where id = any(${ids}::text[])
      union all select id from therapeutic_event_repeats where id = any(${ids}::text[])`;
    const done = new Set(seen.map((s) => s.id));
    const todo = rows.filter((r) => !done.has(r.id));
    if (todo.length === 0) return { inserted: [], folded: [] };

    // Fold targets: writers of the same keys take turns (two gateways never open two events for one
    // flood); then each key's newest unresolved event, and within the batch the newest new one.
    const keys = [...new Set(todo.filter((r) => r.fold).map((r) => r.foldKey!))].sort();
    const target = new Map<string, string>();
    if (keys.length) {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keys}::text[]) as k order by k`;
      const open = await tx.$queryRaw<Array<{ id: string; fold_key: string }>>`
        select distinct on (fold_key) id, fold_key from therapeutic_events
        where fold_key = any(${keys}::text[]) and status <> 'resolved'
        order by fold_key, created_at desc, id desc`;
      for (const o of open) target.set(o.fold_key, o.id);
    }
    const fresh: typeof rows = [];
    const repeats: Array<(typeof rows)[number] & { eventId: string }> = [];
    for (const r of todo) {
      const into = r.fold ? target.get(r.foldKey!) : undefined;
      if (into) repeats.push({ ...r, eventId: into });
      else {
        fresh.push(r);
        if (r.foldKey) target.set(r.foldKey, r.id);
      }
    }
    const inserted = await insertEvents(tx, fresh, details, actor);
    const folded = await insertRepeats(tx, repeats, details, actor);
    const notify = [...inserted, ...new Set(repeats.filter((r) => folded.includes(r.id)).map((r) => r.eventId))];
    if (notify.length) await tx.$executeRaw`select pg_notify(${CHANNELS.therapeuticEvent}, id) from unnest(${notify}::text[]) as id`;
    return { inserted, folded };
  });
}

type Row = {
  id: string; type: string; severity: Severity; escalated: boolean; userId: string | null; sessionId: string | null; routeName: string | null;
  excerpt: string; signals: object; correlationId: string; createdAt: Date; foldKey: string | null;
};
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Details = Map<string, Record<string, unknown> | undefined>;

const col = <R, K extends keyof R>(rows: readonly R[], key: K) => rows.map((r) => r[key]);
const auditOf = (r: Row, extra: Record<string, unknown> | undefined, more: Record<string, unknown> = {}) =>
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
      ...more,
      ...extra,
    }),
  );

/** New events, their "event.detected" audit rows; the ids actually inserted. */
async function insertEvents(tx: Tx, rows: readonly Row[], details: Details, actor: Actor): Promise<string[]> {
  if (rows.length === 0) return [];
  // One statement per table with unnest: Prisma's createMany costs ~0.5 ms of CPU per row here.
  const created = await tx.$queryRaw<Array<{ id: string }>>`
    insert into therapeutic_events (id, type, severity, status, escalated, user_id, session_id, route_name, excerpt, signals, correlation_id, created_at, fold_key)
    select id, type, severity::"Severity", 'open', escalated, user_id, session_id, route_name, excerpt, signals::jsonb, correlation_id, created_at, fold_key
    from unnest(${col(rows, "id")}::text[], ${col(rows, "type")}::text[], ${col(rows, "severity")}::text[], ${col(rows, "escalated")}::boolean[], ${col(rows, "userId")}::text[],
                ${col(rows, "sessionId")}::text[], ${col(rows, "routeName")}::text[], ${col(rows, "excerpt")}::text[], ${rows.map((r) => JSON.stringify(r.signals))}::text[],
                ${col(rows, "correlationId")}::text[], ${rows.map((r) => r.createdAt.toISOString())}::timestamptz[], ${col(rows, "foldKey")}::text[])
      as e(id, type, severity, escalated, user_id, session_id, route_name, excerpt, signals, correlation_id, created_at, fold_key)
    on conflict (id) do nothing
    returning id`;
  const fresh = newlyInserted(rows, created);
  if (fresh.length === 0) return [];
  const ids = fresh.map((r) => r.id);
  await insertAudit(tx, actor, "event.detected", fresh, (r) => r.id, (r) => auditOf(r, details.get(r.id)));
  return ids;
}

/** Repeats folded into their events: repeat rows, "event.repeated" audit rows (on the event), the events' counts; the ids inserted. */
async function insertRepeats(tx: Tx, rows: ReadonlyArray<Row & { eventId: string }>, details: Details, actor: Actor): Promise<string[]> {
  if (rows.length === 0) return [];
  const created = await tx.$queryRaw<Array<{ id: string }>>`
    insert into therapeutic_event_repeats (id, event_id, severity, escalated, excerpt, signals, correlation_id, created_at)
    select id, event_id, severity::"Severity", escalated, excerpt, signals::jsonb, correlation_id, created_at
    from unnest(${col(rows, "id")}::text[], ${col(rows, "eventId")}::text[], ${col(rows, "severity")}::text[], ${col(rows, "escalated")}::boolean[],
                ${col(rows, "excerpt")}::text[], ${rows.map((r) => JSON.stringify(r.signals))}::text[], ${col(rows, "correlationId")}::text[],
                ${rows.map((r) => r.createdAt.toISOString())}::timestamptz[])
      as r(id, event_id, severity, escalated, excerpt, signals, correlation_id, created_at)
    on conflict (id) do nothing
    returning id`;
  const fresh = newlyInserted(rows, created);
  if (fresh.length === 0) return [];
  const ids = fresh.map((r) => r.id);
  await tx.$executeRaw`
    update therapeutic_events e
    set repeat_count = e.repeat_count + r.n,
        last_seen_at = greatest(coalesce(e.last_seen_at, e.created_at), r.last),
        severity = greatest(e.severity, r.severity),
        escalated = e.escalated or r.escalated
    from (select event_id, count(*)::int as n, max(created_at) as last, max(severity) as severity, bool_or(escalated) as escalated
          from therapeutic_event_repeats where id = any(${ids}::text[]) group by event_id) r
    where e.id = r.event_id`;
  await insertAudit(tx, actor, "event.repeated", fresh, (r) => r.eventId, (r) => auditOf(r, details.get(r.id), { repeatId: r.id }));
  return ids;
}

/** One audit row per written row, on its therapeutic event, in one statement. */
async function insertAudit<R extends Row>(tx: Tx, actor: Actor, action: "event.detected" | "event.repeated", rows: readonly R[], eventId: (r: R) => string, after: (r: R) => string): Promise<void> {
  await tx.$executeRaw`
    insert into audit_log (id, actor_id, actor_label, action, entity_type, entity_id, after, correlation_id, created_at)
    select id, ${actor.id}, ${actor.label}, ${action}, 'therapeutic_event', entity_id, after::jsonb, correlation_id, created_at
    from unnest(${rows.map(() => newId("audit"))}::text[], ${rows.map(eventId)}::text[], ${rows.map(after)}::text[], ${rows.map((r) => r.correlationId)}::text[],
                ${rows.map((r) => r.createdAt.toISOString())}::timestamptz[])
      as a(id, entity_id, after, correlation_id, created_at)`;
}

/** The rows an `insert … on conflict (id) do nothing returning id` wrote (a batch sent again writes none). */
function newlyInserted<R extends { id: string }>(rows: readonly R[], created: ReadonlyArray<{ id: string }>): R[] {
  const inserted = new Set(created.map((c) => c.id));
  return rows.filter((r) => inserted.has(r.id));
}
