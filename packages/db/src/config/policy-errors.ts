// Refusals shared by the policy editors: a taken name, and a policy that routes still use.
import type { FieldError } from "@tta/domain";
import { ConfigValidationError } from "../errors.ts";

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

/** The database refused to delete a row that another row still points to. */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2003";
}

export function nameTaken(what: string, name: string): ConfigValidationError {
  return new ConfigValidationError([{ path: "name", message: `a ${what} named "${name}" already exists` }]);
}

/** `routes` empty means "some route" (the database refused, the names were not read). */
export function policyInUse(what: string, name: string, routes: string[]): ConfigValidationError {
  const which = routes.length ? `route${routes.length === 1 ? "" : "s"} ${routes.join(", ")}` : "a route";
  const field: FieldError = { path: "usedBy", message: `used by ${which}: give ${routes.length === 1 ? "it" : "them"} another policy first` };
  return new ConfigValidationError([field], `The ${what} "${name}" is used by ${which} and was not deleted.`);
}
