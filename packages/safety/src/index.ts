// @tta/safety: crisis, content-safety and PII scanning of player text, and PII masking of
// response bodies and logs. Rules are data (see ./rules), compiled once, then used per request.
export * from "./rules/index.ts";
