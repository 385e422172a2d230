// Where a user starts after signing in (and where "/" and the brand link lead): the overview for
// admins and operators, the escalation queue for clinicians who are neither, the routes otherwise.
import type { TRole } from "@tta/domain/browser";

export function landingPath(roles: readonly TRole[]): string {
  if (roles.includes("admin") || roles.includes("operator")) return "/overview";
  if (roles.includes("clinician")) return "/escalations";
  return "/routes";
}
