// Names of Postgres NOTIFY channels and Redis pub/sub channels, in one place.
export const CHANNELS = {
  /** Postgres NOTIFY, payload = revision number. Sent in the publishing transaction. */
  configRevision: "tta_config_revision",
  /**
   * Postgres NOTIFY, payload = therapeutic event id (evt_…). Sent in the same transaction that
   * inserts or updates a therapeutic event (the console's escalation queue listens).
   */
  therapeuticEvent: "tta_therapeutic_event",
} as const;

export const HEADERS = {
  requestId: "x-request-id",
  configRevision: "x-tta-config-revision",
  route: "x-tta-route",
  /** On an aggregation route's answer: "true" when every part came from its service, "false" when one failed (or stood in with its fallback). */
  aggregateComplete: "x-tta-aggregate-complete",
} as const;

/**
 * The identity a gateway passes upstream after verifying a token. The gateway removes every
 * incoming x-tta-* header first, so an upstream behind it can trust these.
 */
export const IDENTITY_HEADERS = {
  userId: "x-tta-user-id",
  roles: "x-tta-roles", // comma-separated
  permissions: "x-tta-permissions", // comma-separated
  clearance: "x-tta-clearance",
  sessionId: "x-tta-session-id",
  authPolicy: "x-tta-auth-policy",
} as const;

/**
 * What a gateway adds to a request it forwards after detecting a crisis (the route's
 * crisisResponse "forward", or a monitoring route). Incoming x-tta-* headers are removed first.
 */
export const ESCALATION_HEADERS = {
  eventId: "x-tta-escalation", // the therapeutic event id (evt_…)
  severity: "x-tta-crisis-severity", // low | medium | high | critical
} as const;
