// Where an audit row's entity is shown in the console, so its id can be followed. Null when the
// console has no page for it.
import type { TAuditEntry } from "@tta/domain/browser";

const numberOf = (v: unknown) => (v && typeof v === "object" && typeof (v as { number?: unknown }).number === "number" ? (v as { number: number }).number : null);

export function entityHref(entry: Pick<TAuditEntry, "entityType" | "entityId" | "after" | "before">): string | null {
  const id = entry.entityId;
  if (!id) return entry.entityType === "safety_rule_set" ? "/safety" : null;
  const q = encodeURIComponent(id);
  switch (entry.entityType) {
    case "route":
      return `/routes/${q}`;
    case "service":
      return `/services/${q}`;
    case "rate_limit_policy":
      return `/policies/rate-limit/${q}`;
    case "auth_policy":
      return `/policies/auth/${q}`;
    case "config_revision": {
      // Revisions open by number; the audit row keeps the number it made.
      const number = numberOf(entry.after) ?? numberOf(entry.before);
      return number === null ? null : `/revisions/${number}`;
    }
    case "user":
      return `/users?q=${q}`;
    case "therapeutic_event":
      return `/escalations?event=${q}`;
    case "safety_rule_set":
      return "/safety";
    case "breaker":
    case "cache":
      return "/operations";
    default:
      return null;
  }
}
