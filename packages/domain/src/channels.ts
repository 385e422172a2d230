// Names of Postgres NOTIFY channels and Redis pub/sub channels, in one place.
export const CHANNELS = {
  /** Postgres NOTIFY, payload = revision number. Sent in the publishing transaction. */
  configRevision: "tta_config_revision",
} as const;

export const HEADERS = {
  requestId: "x-request-id",
  configRevision: "x-tta-config-revision",
  route: "x-tta-route",
} as const;
