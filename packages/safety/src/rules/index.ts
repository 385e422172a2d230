// Browser-safe entry (@tta/safety/rules): the rule-set schema, validation and the defaults, for the
// console's rules editor. No node: imports here.
export * from "./schema.ts";
export * from "./validate.ts";
export { DEFAULT_SAFETY_RULES, CRISIS_CATEGORIES, CONTENT_CATEGORIES } from "./defaults/index.ts";
export { parsePhrase } from "../phrase/parse.ts";
export { SEVERITIES, ZSeverity, type Severity } from "../severity.ts";
export { checkSnapshotSafety, type SnapshotSafety } from "./snapshot-check.ts";
