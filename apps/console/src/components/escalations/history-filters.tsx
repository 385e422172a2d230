"use client";
// The history's filter form: severity, category, route, resolved between two days, who had it.
// "Apply filters" puts them in the URL, "Clear" removes them.
import { useState, type FormEvent } from "react";
import { EVENT_SEVERITIES, HISTORY_UNASSIGNED, type FieldError, type TEscalationHistoryOptions } from "@tta/domain/browser";
import { Field } from "../routes/field";
import { EMPTY_HISTORY, type HistoryForm } from "./history-params";
import { categoryLabel } from "./labels";
import { withCurrent } from "../ui/with-current";

/** A value in the URL that the options no longer hold stays selectable, so the filter shows what it is. */

export function HistoryFilters(props: { initial: HistoryForm; options?: TEscalationHistoryOptions; errors: FieldError[]; onApply: (form: HistoryForm) => void }) {
  const { initial, options, errors, onApply } = props;
  const [form, setForm] = useState(initial);
  const set = (key: keyof HistoryForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  // The API's paths are its own names: assigneeId is the form's assignee.
  const errorOf = (key: string) => errors.find((e) => e.path === (key === "assignee" ? "assigneeId" : key))?.message;
  const field = (name: keyof HistoryForm, label: string) => ({ name, label, idPrefix: "history", error: errorOf(name) });
  const assignees = options?.assignees ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(form);
  }

  return (
    <form className="filters" aria-label="History filters" onSubmit={submit} noValidate>
      <div className="grid-2">
        <Field {...field("severity", "Severity")}>
          {(a) => (
            <select {...a} value={form.severity} onChange={set("severity")}>
              <option value="">any</option>
              {EVENT_SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field {...field("category", "Category")}>
          {(a) => (
            <select {...a} value={form.category} onChange={set("category")}>
              <option value="">any</option>
              {withCurrent(options?.categories ?? [], form.category).map((c) => (
                <option key={c} value={c}>
                  {categoryLabel(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field {...field("route", "Route")}>
          {(a) => (
            <select {...a} value={form.route} onChange={set("route")}>
              <option value="">any</option>
              {withCurrent(options?.routes ?? [], form.route).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field {...field("from", "Resolved from")}>{(a) => <input {...a} type="date" value={form.from} onChange={set("from")} />}</Field>
        <Field {...field("to", "Resolved to")}>{(a) => <input {...a} type="date" value={form.to} onChange={set("to")} />}</Field>
        <Field {...field("assignee", "Assignee")}>
          {(a) => (
            <select {...a} value={form.assignee} onChange={set("assignee")}>
              <option value="">anyone</option>
              <option value={HISTORY_UNASSIGNED}>nobody (unassigned)</option>
              {assignees.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.email})
                </option>
              ))}
              {form.assignee && form.assignee !== HISTORY_UNASSIGNED && !assignees.some((p) => p.id === form.assignee) ? <option value={form.assignee}>{form.assignee}</option> : null}
            </select>
          )}
        </Field>
      </div>
      <div className="form-actions" style={{ marginTop: "0.9rem" }}>
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setForm(EMPTY_HISTORY);
            onApply(EMPTY_HISTORY);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
