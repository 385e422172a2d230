// Where an event's audit rows are: the audit log filtered by the event's entity, through the
// audit page's own URL parameters (entityType, entityId; see components/audit/filter-params.ts).

/** The audit log filtered to one event's rows (the audit page's own URL parameters). */
export function auditTrailHref(eventId: string): string {
  // "therapeutic_event" is the entity type the escalation steps are audited under (EVENT_ENTITY in @tta/db).
  return `/audit?${new URLSearchParams({ entityType: "therapeutic_event", entityId: eventId }).toString()}`;
}
