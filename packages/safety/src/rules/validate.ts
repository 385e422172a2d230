// Parsing a rule set: the console shows the field errors next to the fields; the gateway refuses a
// rule set that does not parse, with the same list in the error.
import { toFieldErrors, type FieldError } from "@tta/domain/browser";
import { ZSafetyRules, type TSafetyRules } from "./schema.ts";

export type SafetyRulesCheck = { ok: true; rules: TSafetyRules } | { ok: false; errors: FieldError[] };

export class SafetyRulesError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`invalid safety rules: ${errors.slice(0, 5).map((e) => `${e.path || "(root)"}: ${e.message}`).join("; ")}${errors.length > 5 ? ` (+${errors.length - 5} more)` : ""}`);
    this.name = "SafetyRulesError";
  }
}

export function validateSafetyRules(input: unknown): SafetyRulesCheck {
  const parsed = ZSafetyRules.safeParse(input);
  return parsed.success ? { ok: true, rules: parsed.data } : { ok: false, errors: toFieldErrors(parsed.error) };
}

export function parseSafetyRules(input: unknown): TSafetyRules {
  const check = validateSafetyRules(input);
  if (!check.ok) throw new SafetyRulesError(check.errors);
  return check.rules;
}
