"use client";
// A list of words or short phrases (the negation cues) as removable entries and an input to add one.
import { useState } from "react";
import type { FieldError } from "@tta/domain/browser";
import { errorsAt, type FormEdit, type RulePath } from "./rules-form-edit";

export function WordList(props: { path: RulePath; label: string; hint: string; words: unknown[]; errors: FieldError[]; onEdit: (edit: FormEdit) => void }) {
  const { path, label, hint, words, errors, onEdit } = props;
  const [draft, setDraft] = useState("");
  const listErrors = errors.filter((e) => e.path === path.join("."));
  function add() {
    if (!draft.trim()) return;
    onEdit({ type: "append", path, value: draft.trim() });
    setDraft("");
  }
  return (
    <div className="word-list" role="group" aria-label={label} data-testid={`word-list-${path.join("-")}`}>
      <h4>
        {label} <span className="muted">({words.length})</span>
      </h4>
      <p className="hint">{hint}</p>
      {listErrors.map((e) => (
        <p key={e.message} className="field-error" role="alert">
          {e.message}
        </p>
      ))}
      <ul className="word-chips">
        {words.map((w, i) => {
          const messages = errorsAt(errors, [...path, i]);
          return (
            <li key={`${i}-${String(w)}`} className={messages.length ? "word-chip word-chip-invalid" : "word-chip"} title={messages.join("; ") || undefined}>
              <span>{String(w)}</span>
              <button type="button" className="chip-remove" aria-label={`Remove ${label.toLowerCase()} “${String(w)}”`} onClick={() => onEdit({ type: "remove", path: [...path, i] })}>
                ×
              </button>
              {messages.length ? <span className="visually-hidden">: {messages.join("; ")}</span> : null}
            </li>
          );
        })}
      </ul>
      <div className="rule-row rule-row-new">
        <input
          type="text"
          aria-label={`New entry for ${label.toLowerCase()}`}
          spellCheck={false}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button-small" disabled={!draft.trim()} onClick={add}>
          Add
        </button>
      </div>
    </div>
  );
}
