// A form's dry run: runs a save's validation in a transaction that writes nothing and returns
// the field errors it would have refused with (none: the save would pass).
import type { FieldError } from "@tta/domain";
import type { Db, Tx } from "../client.ts";
import { ConfigValidationError } from "../errors.ts";

export async function dryRunFieldErrors(db: Db, validate: (tx: Tx) => Promise<unknown>): Promise<FieldError[]> {
  try {
    await db.$transaction(validate);
    return [];
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.fields;
    throw error;
  }
}
