// One way to turn zod issues into field errors, for the console's forms and the gateway's logs.
import type { z } from "zod";
import type { FieldError } from "./errors.ts";
import { friendlyMessage } from "./friendly-issue.ts";
import { ZSnapshot, type TSnapshot } from "./schemas.ts";

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: friendlyMessage(issue) }));
}

export type SnapshotCheck = { ok: true; snapshot: TSnapshot } | { ok: false; errors: FieldError[] };

export function validateSnapshot(input: unknown): SnapshotCheck {
  const parsed = ZSnapshot.safeParse(input);
  return parsed.success ? { ok: true, snapshot: parsed.data } : { ok: false, errors: toFieldErrors(parsed.error) };
}
