"use client";
// One category's phrase rules or pattern rules as rows of the form: the text, the severity, a
// remove button, the schema's errors of that rule under it; and a row to add one.
import { useState } from "react";
import { EVENT_SEVERITIES, type FieldError } from "@tta/domain/browser";
import { errorsAt, type FormEdit, type RulePath } from "./rules-form-edit";

type Obj = Record<string, unknown>;
const KINDS = {
  phrases: { key: "phrase", one: "Phrase", hint: "Words, (a|b) choices, [word class], ~3 gaps, kill+ endings." },
  patterns: { key: "pattern", one: "Pattern", hint: "A regular expression, matched on the normalized text." },
} as const;

export function RuleList(props: { path: RulePath; kind: keyof typeof KINDS; rules: unknown[]; errors: FieldError[]; categoryLabel: string; onEdit: (edit: FormEdit) => void }) {
  const { path, kind, rules, errors, categoryLabel, onEdit } = props;
  const { key, one, hint } = KINDS[kind];
  const [draft, setDraft] = useState({ text: "", severity: "high" });
  const listErrors = errors.filter((e) => e.path === path.join("."));

  function add() {
    if (!draft.text.trim()) return;
    onEdit({ type: "append", path, value: { [key]: draft.text.trim(), severity: draft.severity } });
    setDraft({ text: "", severity: draft.severity });
  }

  return (
    <div className="rule-list" data-testid={`rule-list-${kind}`}>
      <h4>
        {one === "Phrase" ? "Phrases" : "Patterns"} <span className="muted">({rules.length})</span>
      </h4>
      <p className="hint">{hint}</p>
      {listErrors.map((e) => (
        <p key={e.message} className="field-error" role="alert">
          {e.message}
        </p>
      ))}
      {rules.length > 0 ? (
        <ol className="rule-rows">
          {rules.map((rule, i) => {
            const r = (typeof rule === "object" && rule !== null ? rule : {}) as Obj;
            const messages = errorsAt(errors, [...path, i]);
            const label = `${one} ${i + 1} of ${categoryLabel}`;
            return (
              <li key={i} className={messages.length ? "rule-row rule-row-invalid" : "rule-row"} data-testid={`rule-${kind}-${i}`}>
                <input type="text" aria-label={label} spellCheck={false} value={String(r[key] ?? "")} aria-invalid={messages.length > 0} onChange={(e) => onEdit({ type: "set", path: [...path, i, key], value: e.target.value })} />
                <select aria-label={`Severity of ${label.toLowerCase()}`} value={String(r.severity ?? "")} onChange={(e) => onEdit({ type: "set", path: [...path, i, "severity"], value: e.target.value })}>
                  {EVENT_SEVERITIES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                  {EVENT_SEVERITIES.includes(r.severity as never) ? null : <option value={String(r.severity ?? "")}>{String(r.severity ?? "(none)")}</option>}
                </select>
                <button type="button" className="button button-quiet button-small" onClick={() => onEdit({ type: "remove", path: [...path, i] })}>
                  Remove<span className="visually-hidden"> {label.toLowerCase()}</span>
                </button>
                {messages.length ? (
                  <p className="field-error rule-row-error" data-testid="rule-field-error" data-path={[...path, i].join(".")}>
                    {messages.join("; ")}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">None.</p>
      )}
      <div className="rule-row rule-row-new">
        <input
          type="text"
          aria-label={`New ${one.toLowerCase()} for ${categoryLabel}`}
          placeholder={`New ${one.toLowerCase()}`}
          spellCheck={false}
          value={draft.text}
          onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <select aria-label={`Severity of the new ${one.toLowerCase()}`} value={draft.severity} onChange={(e) => setDraft({ ...draft, severity: e.target.value })}>
          {EVENT_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" className="button button-small" disabled={!draft.text.trim()} onClick={add}>
          Add {one.toLowerCase()}
        </button>
      </div>
    </div>
  );
}
