"use client";
// The audit log's filter form; "Apply filters" puts them in the URL, "Clear" removes them.
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { FieldError } from "@tta/domain/browser";
import { Field } from "../routes/field";
import { dateErrors, DATE_FORMAT_HINT, EMPTY_FILTERS, paramsFromForm, type FilterForm } from "./filter-params";

// Text, not datetime-local: the browser's picker writes the date in its locale's order (12/02/2026),
// which reads differently across the world; the console writes dates one way everywhere.
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const TEXT: { key: keyof FilterForm; label: string; hint?: string; placeholder?: string }[] = [
  { key: "actor", label: "Actor", hint: "A user id or part of an email.", placeholder: "ada@tta.local" },
  { key: "action", label: "Action", hint: "An action or its start: event. finds every escalation step.", placeholder: "route.update" },
  { key: "entityType", label: "Entity type", placeholder: "therapeutic_event" },
  { key: "entityId", label: "Entity id", placeholder: "evt_…" },
  { key: "correlationId", label: "Correlation id", placeholder: "req_…" },
];

export function AuditFilters({ initial, errors, onApply }: { initial: FilterForm; errors: FieldError[]; onApply: (form: FilterForm) => void }) {
  const [form, setForm] = useState(initial);
  // Read after mount: the server renders in its own time zone, not the reader's.
  const [tz, setTz] = useState<string | null>(null);
  useEffect(() => setTz(zone()), []);
  const [local, setLocal] = useState<FieldError[]>(() => dateErrors(initial));
  // The URL can change under the form (Back, a link to /audit?entityId=…): show what it says, but
  // not when it is the URL this form just applied, which would undo what was typed since.
  const applied = useRef(paramsFromForm(initial).toString());
  const initialKey = paramsFromForm(initial).toString();
  useEffect(() => {
    if (initialKey === applied.current) return;
    applied.current = initialKey;
    setForm(initial);
    setLocal(dateErrors(initial));
    // Keyed by the filters' text: `initial` follows from it.
  }, [initialKey]);
  const apply = (next: FilterForm) => {
    applied.current = paramsFromForm(next).toString();
    onApply(next);
  };
  const set = (key: keyof FilterForm) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setLocal((l) => l.filter((x) => x.path !== key));
  };
  const errorOf = (key: string) => (local.find((e) => e.path === key) ?? errors.find((e) => e.path === key))?.message;

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = dateErrors(form);
    setLocal(problems);
    if (problems.length) {
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>(`#audit-${problems[0]!.path}`)?.focus();
      return;
    }
    apply(form);
  }

  return (
    <form className="filters" aria-label="Audit log filters" onSubmit={submit} noValidate>
      <div className="grid-2">
        {TEXT.map(({ key, label, hint, placeholder }) => (
          <Field key={key} name={key} label={label} hint={hint} idPrefix="audit" error={errorOf(key)}>
            {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder={placeholder} value={form[key]} onChange={set(key)} />}
          </Field>
        ))}
        <Field name="from" label="From" idPrefix="audit" error={errorOf("from")} hint={`${DATE_FORMAT_HINT}, in your time zone${tz ? ` (${tz})` : ""}.`}>
          {(a) => <input {...a} type="text" inputMode="numeric" autoComplete="off" spellCheck={false} placeholder="2026-12-02 09:00" value={form.from} onChange={set("from")} />}
        </Field>
        <Field name="to" label="To" idPrefix="audit" error={errorOf("to")} hint="A date alone includes the whole day.">
          {(a) => <input {...a} type="text" inputMode="numeric" autoComplete="off" spellCheck={false} placeholder="2026-12-02" value={form.to} onChange={set("to")} />}
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
            setForm(EMPTY_FILTERS);
            setLocal([]);
            apply(EMPTY_FILTERS);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
