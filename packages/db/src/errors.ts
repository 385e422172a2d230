import type { FieldError } from "@tta/domain";

/** Input that fails validation; `fields` are shown next to the form fields they concern. */
export class ConfigValidationError extends Error {
  override name = "ConfigValidationError";
  constructor(readonly fields: FieldError[], message = "Some fields are not valid.") {
    super(message);
  }
}

export class NotFoundError extends Error {
  override name = "NotFoundError";
}

/** The change is valid but the thing is no longer in a state that allows it (someone was first). */
export class ConflictError extends Error {
  override name = "ConflictError";
}
