import type { FieldError, TSafetyWeakening } from "@tta/domain";

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

/** A change that takes crisis scanning or PII masking away, with no clinician's approval. */
export class SafetyApprovalRequiredError extends Error {
  override name = "SafetyApprovalRequiredError";
  constructor(readonly weakenings: TSafetyWeakening[]) {
    super(`The file weakens safety on ${weakenings.length} point(s); a clinician must approve it.`);
  }
}
