// What an API refusal says about the form that sent it: its field errors (path + message), if any.
import { TRPCClientError } from "@trpc/client";
import type { FieldError } from "@tta/domain/browser";

export function fieldErrorsOf(error: unknown): FieldError[] | null {
  if (!(error instanceof TRPCClientError)) return null;
  const fields = (error.data as { fieldErrors?: FieldError[] | null } | undefined)?.fieldErrors;
  return fields && fields.length ? fields : null;
}

/** Groups field errors by the form field they belong to; paths no field claims go to "form". */
export function groupFieldErrors<K extends string>(errors: FieldError[], fieldOf: (path: string) => K | "form"): Partial<Record<K | "form", string>> {
  const out: Partial<Record<K | "form", string>> = {};
  for (const e of errors) {
    const key = fieldOf(e.path);
    const text = key === "form" && e.path ? `${e.path}: ${e.message}` : e.message;
    out[key] = out[key] ? `${out[key]}; ${text}` : text;
  }
  return out;
}
