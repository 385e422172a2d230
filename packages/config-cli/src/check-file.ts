// A configuration file read offline: the schema, the cross-references within the file (routes'
// services and policies, blocked categories) and the safety rules, as publish checks them.
import { ConfigValidationError, readConfigFile } from "@tta/db";
import type { TSnapshot } from "@tta/domain";
import { CliError } from "./cli-error.ts";

export function checkFile(text: string, name: string): TSnapshot {
  try {
    return readConfigFile(text);
  } catch (error) {
    if (error instanceof ConfigValidationError) throw new CliError(`${name} is not a valid configuration (${error.fields.length} problem(s)):`, error.fields);
    throw error;
  }
}
