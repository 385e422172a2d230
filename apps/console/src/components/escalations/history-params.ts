// The history's filters live in the URL (/escalations/history?severity=high&route=chat-api), so a
// search can be shared; these convert them to the API's filter and back. Dates are whole days in
// the browser's time zone: "to" includes its whole day.
import { EVENT_SEVERITIES, type TEscalationHistoryFilterInput, type TEventSeverity } from "@tta/domain/browser";

export const HISTORY_KEYS = ["severity", "category", "route", "from", "to", "assignee"] as const;
export type HistoryForm = Record<(typeof HISTORY_KEYS)[number], string>;

export const EMPTY_HISTORY: HistoryForm = { severity: "", category: "", route: "", from: "", to: "", assignee: "" };

export function historyFormFromParams(params: URLSearchParams): HistoryForm {
  const form = { ...EMPTY_HISTORY };
  for (const key of HISTORY_KEYS) form[key] = params.get(key) ?? "";
  return form;
}

export function historyParamsFromForm(form: HistoryForm): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of HISTORY_KEYS) if (form[key].trim()) params.set(key, form[key].trim());
  return params;
}

/** "2026-11-20" -> that day's first (or, for `end`, last) millisecond, local time; undefined when not a date. */
export function dayBound(value: string, end: boolean): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const date = end ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999) : new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function historyFilterFromForm(form: HistoryForm, limit = 25): TEscalationHistoryFilterInput {
  const severity = (EVENT_SEVERITIES as readonly string[]).includes(form.severity) ? (form.severity as TEventSeverity) : undefined;
  return {
    limit,
    severity,
    category: form.category || undefined,
    route: form.route || undefined,
    from: dayBound(form.from, false),
    to: dayBound(form.to, true),
    assigneeId: form.assignee || undefined,
  };
}
