// The audit page's filters live in the URL (/audit?correlationId=req_…), so a search can be
// shared or linked to; these convert them to the API's filter and back.
import type { TAuditFilterInput } from "@tta/domain/browser";

export const TEXT_FILTERS = ["actor", "action", "entityType", "entityId", "correlationId"] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];

export interface FilterForm {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  correlationId: string;
  /** "2026-11-27", "2026-11-27 15:04" or "2026-11-27 15:04:05", in the browser's time zone. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: FilterForm = { actor: "", action: "", entityType: "", entityId: "", correlationId: "", from: "", to: "" };

export function formFromParams(params: URLSearchParams): FilterForm {
  const form = { ...EMPTY_FILTERS };
  for (const key of [...TEXT_FILTERS, "from", "to"] as const) form[key] = params.get(key) ?? "";
  return form;
}

export function paramsFromForm(form: FilterForm): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) if (value.trim()) params.set(key, value.trim());
  return params;
}

// One format everywhere, whatever the browser's locale: year first, 24-hour time (the "T" of
// older links is accepted too).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
export const DATE_FORMAT_HINT = "yyyy-mm-dd, or yyyy-mm-dd hh:mm (24-hour)";

/**
 * A local date and time from the filter's text; a date alone is the day's first moment, or with
 * `endOfDay` its last (so "to 2026-12-02" includes that day). Null when it is not a real date.
 */
export function parseLocalDateTime(value: string, endOfDay = false): Date | null {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  const timeGiven = h !== undefined;
  const date = timeGiven ? new Date(y!, mo! - 1, d!, h, mi, s ?? (endOfDay ? 59 : 0), endOfDay && s === undefined ? 999 : 0) : new Date(y!, mo! - 1, d!, endOfDay ? 23 : 0, endOfDay ? 59 : 0, endOfDay ? 59 : 0, endOfDay ? 999 : 0);
  // new Date rolls 2026-02-30 over to March: refuse it instead.
  if (date.getFullYear() !== y || date.getMonth() !== mo! - 1 || date.getDate() !== d) return null;
  if (timeGiven && (date.getHours() !== h || date.getMinutes() !== mi)) return null;
  return date;
}

/** The form's date problems, as the API's field errors would be. */
export function dateErrors(form: FilterForm): { path: "from" | "to"; message: string }[] {
  const errors: { path: "from" | "to"; message: string }[] = [];
  for (const key of ["from", "to"] as const) {
    if (form[key].trim() && !parseLocalDateTime(form[key])) errors.push({ path: key, message: `not a date: write ${DATE_FORMAT_HINT}` });
  }
  return errors;
}

const toDate = (value: string, endOfDay: boolean) => (value.trim() ? (parseLocalDateTime(value, endOfDay) ?? undefined) : undefined);

export function filterFromForm(form: FilterForm, limit = 50): TAuditFilterInput {
  const filter: TAuditFilterInput = { limit, from: toDate(form.from, false), to: toDate(form.to, true) };
  for (const key of TEXT_FILTERS) if (form[key].trim()) filter[key] = form[key].trim();
  return filter;
}
