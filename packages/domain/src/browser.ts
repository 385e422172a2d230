// The part of @tta/domain that runs in a browser: schemas, path patterns, error codes and field
// errors, without ids and checksums (they need node:crypto, which a browser bundle would polyfill).
export * from "./errors.ts";
export * from "./path-pattern.ts";
export * from "./ip.ts";
export * from "./schemas.ts";
export * from "./route-edge.ts";
export * from "./validation.ts";
export * from "./console-api.ts";
export * from "./policy-records.ts";
export * from "./users.ts";
export * from "./live.ts";
export * from "./escalations.ts";
export * from "./live-session.ts";
export * from "./traffic-history.ts";
export * from "./cache-purge.ts";
export * from "./audit.ts";
export * from "./safety-console.ts";
export * from "./config-file/api.ts";
export { CONFIG_FILE_API_VERSION, CONFIG_FILE_KIND, MAX_CONFIG_FILE_CHARS } from "./config-file/format.ts";
export * from "./service-records.ts";
export * from "./effective-rate-limit.ts";
export * from "./escalation-history.ts";
