// An error the CLI reports as it is (no stack): a message, field problems as `path: message`,
// and the exit code (1 unless said otherwise).
import type { FieldError } from "@tta/domain";

export class CliError extends Error {
  override name = "CliError";
  constructor(message: string, readonly problems: FieldError[] = [], readonly exitCode = 1, readonly details?: unknown) {
    super(message);
  }
}

export const formatProblem = (p: FieldError) => (p.path ? `${p.path}: ${p.message}` : p.message);
