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
  /** datetime-local values ("2026-11-27T15:04"), in the browser's time zone. */
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

const toDate = (value: string) => {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

export function filterFromForm(form: FilterForm, limit = 50): TAuditFilterInput {
  const filter: TAuditFilterInput = { limit, from: toDate(form.from), to: toDate(form.to) };
  for (const key of TEXT_FILTERS) if (form[key].trim()) filter[key] = form[key].trim();
  return filter;
}
