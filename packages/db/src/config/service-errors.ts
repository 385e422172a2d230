// Refusals of the service editor: a service that routes (or other services' dependency lists)
// still name cannot be deleted. The message names them, so an admin knows what to change first.
import type { FieldError } from "@tta/domain";
import { ConfigValidationError } from "../errors.ts";

const list = (what: string, names: string[]) => `${what}${names.length === 1 ? "" : "s"} ${names.join(", ")}`;

/** `routes` empty and `dependents` empty means "some route" (the database refused, the names were not read). */
export function serviceInUse(name: string, routes: string[], dependents: string[]): ConfigValidationError {
  const fields: FieldError[] = [];
  const reasons: string[] = [];
  if (routes.length || !dependents.length) {
    const which = routes.length ? list("route", routes) : "a route";
    fields.push({ path: "usedBy", message: `used by ${which}: point ${routes.length === 1 ? "it" : "them"} at another service or delete ${routes.length === 1 ? "it" : "them"} first` });
    reasons.push(`is used by ${which}`);
  }
  if (dependents.length) {
    fields.push({ path: "dependents", message: `a dependency of ${list("service", dependents)}: remove it from their dependencies first` });
    reasons.push(`is a dependency of ${list("service", dependents)}`);
  }
  return new ConfigValidationError(fields, `The service "${name}" ${reasons.join(" and ")} and was not deleted.`);
}
